// The access code, large, with a copy button and its end in Tehran time.
import { fill, go, text, time } from './common.js';
import { letter, trackingNumber } from './mailbox.js';

const item = await letter();
if (item.permit_status !== 'active') go('mailbox/letter.html?tn=' + encodeURIComponent(trackingNumber));
const institution = sessionStorage.getItem('permit-institution');
fill(document, { ...item, until: time(item.inquirable_until), institution: institution || text('any_institution') });
document.getElementById('copy').addEventListener('click', async () => {
  await navigator.clipboard.writeText(item.access_code);
  document.getElementById('copied').textContent = text('copied');
});
