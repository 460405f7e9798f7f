// A new signing key's secret, shown this once: read from sessionStorage and forgotten on the spot.
import { text } from './common.js';
import { latin, leave, member } from './office.js';

await member('institution_manager');
const issued = JSON.parse(sessionStorage.getItem('issued-key') || 'null');
sessionStorage.removeItem('issued-key');
if (!issued) await leave('institutions.html');
document.querySelector('[data-show=key_id]').replaceChildren(latin(issued.key_id));
document.getElementById('secret').textContent = issued.secret;
for (const link of document.querySelectorAll('[data-link]')) link.href = `${link.dataset.link}?id=${encodeURIComponent(issued.institution_id)}`;
document.getElementById('copy').addEventListener('click', async () => {
  await navigator.clipboard.writeText(issued.secret);
  document.getElementById('copied').textContent = text('copied_secret');
});
