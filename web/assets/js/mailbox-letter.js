// One letter: its facts, the PDF opened from the API on this origin, and the permit actions that fit its state.
import { api, fill, text, time } from './common.js';
import { letter, trackingNumber } from './mailbox.js';

const item = await letter();
const permit = item.permit_status === 'active' ? text('permit.active', { until: time(item.inquirable_until) }) : text('permit.' + item.permit_status);
fill(document, { ...item, sent: time(item.sent_at), permit });
for (const li of document.querySelectorAll('[data-when]')) li.hidden = li.dataset.when !== (item.permit_status === 'active' ? 'active' : 'none');
const link = document.getElementById('pdf');
document.getElementById('open').addEventListener('click', async () => {
  const pdf = await api('GET', `/me/mailbox/${encodeURIComponent(trackingNumber)}/letter`, undefined, { accept: 'application/pdf' });
  link.href = URL.createObjectURL(pdf);
  link.download = `${trackingNumber}.pdf`;
  link.hidden = false;
  window.open(link.href, '_blank', 'noopener');
  document.getElementById('opened').textContent = text('opened');
  link.focus();
});
