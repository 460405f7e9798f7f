// The confirmation page before every destructive action: what will happen, its facts, then the call itself.
import { el, go, handle, text } from './common.js';
import { call, latin, leave, member, pendingAction } from './office.js';

await member();
const action = pendingAction();
if (!action) await leave('home.html');
for (const link of document.querySelectorAll('[data-back]')) link.href = action.back;
document.querySelector('[data-show=question]').textContent = text('confirm.' + action.question);
document.getElementById('facts').replaceChildren(...(action.facts || []).map(([name, value, isLatin]) =>
  el('div', { class: 'summary__row' }, el('dt', { text: name }), isLatin ? el('dd', {}, latin(value)) : el('dd', { text: value }))));
handle(document.getElementById('form'), async () => {
  await call(action.method, action.path, action.body);
  sessionStorage.removeItem('pending-action');
  go(action.next);
});
