// Activation at the branch: the tracking code the person brought and their ID card serial.
import { personForm } from './staff-branch.js';

await personForm((code, v) => ['POST', `/staff/accounts/${code}/activate`, { tracking_code: v.tracking_code, id_card_serial: v.id_card_serial }], 'activate');
