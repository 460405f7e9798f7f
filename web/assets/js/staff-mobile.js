// The in-person mobile change.
import { personForm } from './staff-branch.js';

await personForm((code, v) => ['PUT', `/staff/accounts/${code}/mobile`, { mobile: v.mobile, id_card_serial: v.id_card_serial }], 'mobile');
