// Freezing electronic access, behind the current password; afterwards only a branch can open it again.
import { api, go, handle } from './common.js';

handle(document.getElementById('form'), async (v) => {
  try {
    await api('POST', '/me/freeze', v);
  } catch (error) {
    if (error.code === 'INVALID_CURRENT_PASSWORD') error.fields = { current_password: 'INVALID_CURRENT_PASSWORD' };
    throw error;
  }
  go('account/frozen.html');
});
