// One dependent request: the registry's facts, the documents opened in this page, and the decision.
import { el, fill, handle, param, refuse, text, time } from './common.js';
import { call, confirmFirst, member } from './office.js';

await member('branch_officer');
const id = param('id');
const found = await call('GET', '/staff/dependents/' + encodeURIComponent(id));
const declared = ['student', 'disabled', 'supported'].filter((k) => found[k]).map((k) => text('declared.' + k));
fill(document, { ...found, name: `${found.first_name} ${found.last_name}`, relation: text('relation.' + found.relation),
  status: text('status.' + found.status), declared: declared.join('، ') || '—', created: time(found.created_at) });

const documents = document.getElementById('documents');
documents.replaceChildren(found.documents.length ? el('ul', { class: 'list' }) : el('p', { text: text('no_documents') }));
for (const doc of found.documents) {
  const label = text('document.' + doc.kind);
  const item = el('li', {}, el('a', { href: doc.url, target: '_blank', rel: 'noopener', text: text('open_document', { kind: label }) }));
  documents.firstChild.append(item);
  // Opened in the page: fetched from its short-lived link (the bucket's origin is the only one the policy allows).
  fetch(doc.url).then(async (reply) => {
    const type = reply.headers.get('content-type') || '';
    if (!reply.ok || !type.startsWith('image/')) return;
    item.append(el('img', { src: URL.createObjectURL(await reply.blob()), alt: label, class: 'document' }));
  }).catch(() => null);
}

const form = document.getElementById('form');
handle(form, async (v) => {
  if (!v.outcome) { refuse(form, { outcome: 'NEED_OUTCOME' }); return; }
  if (v.outcome === 'rejected' && !v.reason) { refuse(form, { reason: 'NEED_REASON' }); return; }
  const path = `/staff/dependents/${encodeURIComponent(id)}/decision`;
  const facts = [[text('name'), `${found.first_name} ${found.last_name}`]];
  confirmFirst({ question: v.outcome === 'rejected' ? 'reject_dependent' : 'approve_dependent', method: 'POST', path,
    body: { outcome: v.outcome, reason: v.reason }, facts: v.outcome === 'rejected' ? [...facts, [text('detail'), v.reason]] : facts,
    next: 'dependents.html?done=decision' });
});
