// The registry's name for the person just added, for the insured person to confirm.
import { fill } from './common.js';
import { dependent, describe, missingDocuments } from './dependents.js';

const d = await dependent();
fill(document, describe(d));
document.getElementById('needs').hidden = !missingDocuments(d).length;
