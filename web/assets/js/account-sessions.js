// The person's sessions: end one, or every one but this.
import { api, el, handle, text, time } from './common.js';
import { everything, table } from './lists.js';

async function draw() {
  const items = await everything('/me/sessions');
  const end = (s) => {
    if (s.current) return el('span', { text: text('this_session') });
    const button = el('button', { type: 'button', class: 'link', text: text('end') });
    button.addEventListener('click', async () => { await api('DELETE', `/me/sessions/${encodeURIComponent(s.session_id)}`); await draw(); });
    return button;
  };
  document.getElementById('list').replaceChildren(table(text('sessions'), [text('submitted'), text('when'), text('kind'), ''],
    items.map((s) => [time(s.created_at), time(s.last_seen_at), text('client.' + s.client), end(s)])));
}
await draw();
handle(document.getElementById('form'), async () => {
  await api('DELETE', '/me/sessions');
  document.getElementById('done').textContent = text('ended');
  await draw();
});
