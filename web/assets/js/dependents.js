// What the dependents pages share: the dependent named in ?id=, and links that carry it.
import { go, param, text, url } from './common.js';
import { everything } from './lists.js';

export const dependentId = param('id');

export async function dependent() {
  const found = (await everything('/me/dependents')).find((d) => d.dependent_id === dependentId);
  if (!found) go('dependents/index.html');
  return found;
}

export const describe = (d) => ({ ...d, name: `${d.first_name} ${d.last_name}`, relation_text: text('relation.' + d.relation), status_text: text('status.' + d.status) });
export const missingDocuments = (d) => d.documents.required.filter((kind) => !d.documents.received.includes(kind));

for (const a of document.querySelectorAll('[data-link]')) a.href = url(a.dataset.link) + '?id=' + encodeURIComponent(dependentId || '');
