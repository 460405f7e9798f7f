// Step 2: SMS, email or the security questions.
import { api, go, handle, refuse, saved } from './common.js';

const form = document.getElementById('form');
const kept = saved.get('recovery');
if (!kept) go('recover/index.html');
handle(form, async (v) => {
  if (!v.method) { refuse(form, { method: 'UNKNOWN_METHOD' }); return; }
  const challenge = await api('POST', `/password-recovery/${kept.id}/challenge`, v);
  saved.set('recovery', { id: kept.id, challenge });
  go('recover/verify.html');
});
