// The branch officer's forms about one person: the national code from the lookup, then back to it with a note.
import { fill, go, handle, param } from './common.js';
import { call, leave, member } from './office.js';

/** Wires the page's form to one call about the person in `?nc=`; `send` maps the form to [method, path, body]. */
export async function personForm(send, done) {
  await member('branch_officer');
  const code = param('nc') || '';
  if (!code) await leave('person.html');
  fill(document, { national_code: code });
  for (const link of document.querySelectorAll('[data-link]')) link.href = `${link.dataset.link}?nc=${code}`;
  handle(document.getElementById('form'), async (v) => {
    const [method, path, body] = send(code, v);
    await call(method, path, body);
    go(`person.html?nc=${code}&done=${done}`);
  });
}
