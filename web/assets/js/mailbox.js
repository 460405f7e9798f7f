// What the mailbox pages share: the letter named in ?tn=, and links that carry it.
import { go, param, url } from './common.js';
import { everything } from './lists.js';

export const trackingNumber = param('tn');
if (!trackingNumber) go('mailbox/index.html');

export async function letter() {
  const item = (await everything('/me/mailbox')).find((i) => i.tracking_number === trackingNumber);
  if (!item) go('mailbox/index.html');
  return item;
}

for (const a of document.querySelectorAll('[data-link]')) a.href = url(a.dataset.link) + '?tn=' + encodeURIComponent(trackingNumber);
