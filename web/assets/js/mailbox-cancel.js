// The confirmation before a permit is cancelled.
import { api, fill, go, handle } from './common.js';
import { trackingNumber } from './mailbox.js';

fill(document, { tracking_number: trackingNumber });
handle(document.getElementById('form'), async () => {
  try {
    await api('DELETE', `/me/mailbox/${encodeURIComponent(trackingNumber)}/permit`);
  } catch (error) {
    if (error.code !== 'NO_ACTIVE_PERMIT') throw error;
  }
  go('mailbox/letter.html?tn=' + encodeURIComponent(trackingNumber));
});
