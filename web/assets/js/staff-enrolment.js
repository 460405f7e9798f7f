// The one-time enrolment link of a new member or officer, to hand over by a secure channel.
import { text } from './common.js';
import { leave, member } from './office.js';

await member();
const pending = JSON.parse(sessionStorage.getItem('enrolment-link') || 'null');
if (!pending) await leave('home.html');
document.getElementById('link').textContent = pending.link;
for (const link of document.querySelectorAll('[data-back]')) link.href = pending.back;
document.getElementById('copy').addEventListener('click', async () => {
  await navigator.clipboard.writeText(pending.link);
  document.getElementById('copied').textContent = text('copied_link');
});
