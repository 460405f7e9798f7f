// The confirmation before a letter is deleted.
import { api, fill, go, handle } from './common.js';
import { trackingNumber } from './mailbox.js';

fill(document, { tracking_number: trackingNumber });
handle(document.getElementById('form'), async () => {
  await api('DELETE', `/me/mailbox/${encodeURIComponent(trackingNumber)}`);
  go('mailbox/index.html');
});
