// The person's history, newest first, a page at a time.
import { api, el, text, time } from './common.js';

const list = el('ul', { class: 'items' });
document.getElementById('list').replaceChildren(list);
const more = document.getElementById('more');
let cursor = null;

async function page() {
  const answer = await api('GET', '/me/activity?' + new URLSearchParams(cursor ? { limit: '20', cursor } : { limit: '20' }));
  for (const a of answer.items) {
    list.append(el('li', {}, el('span', { text: a.detail }),
      el('span', { class: 'meta', text: `${time(a.at)} · ${text('actor.' + a.actor)}${a.actor_label ? ' (' + a.actor_label + ')' : ''}` })));
  }
  if (!list.children.length) list.replaceWith(el('p', { text: text('none') }));
  cursor = answer.next_cursor;
  more.hidden = !cursor;
}
more.addEventListener('click', page);
await page();
