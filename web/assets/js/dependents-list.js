// افراد تبعی: each dependent, its status, and what can be done with it.
import { el, text, url } from './common.js';
import { everything, table } from './lists.js';
import { describe, missingDocuments } from './dependents.js';

const items = (await everything('/me/dependents')).map(describe);
const actions = (d) => {
  const id = encodeURIComponent(d.dependent_id);
  const span = el('span', {});
  if (missingDocuments(d).length) span.append(el('a', { href: `${url('dependents/upload.html')}?id=${id}`, text: text('upload') }), ' · ');
  span.append(el('a', { href: `${url('dependents/delete.html')}?id=${id}`, text: `${text('delete')} ${d.name}` }));
  return span;
};
document.getElementById('list').replaceChildren(table(text('dependents'), [text('name'), text('relation'), text('outcome'), text('actions')],
  items.map((d) => [d.name, d.relation_text, d.status_text, actions(d)])));
