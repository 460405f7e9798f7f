// Unfreezing electronic access after seeing the ID card; this page is its own confirmation.
import { personForm } from './staff-branch.js';

await personForm((code, v) => ['POST', `/staff/accounts/${code}/unfreeze`, { id_card_serial: v.id_card_serial }], 'unfreeze');
