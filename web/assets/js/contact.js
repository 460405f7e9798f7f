// Mobile and email changes: the new contact with the current password, then the code sent to it.
import { api, fill, go, handle, saved } from './common.js';

export function changeForm(kind) {
  const form = document.getElementById('form');
  handle(form, async (v) => {
    const value = v[kind];
    if (kind === 'email' && !value) {
      try {
        await api('PUT', '/me/email', { email: null, current_password: v.current_password });
      } catch (error) {
        if (error.code === 'INVALID_CURRENT_PASSWORD') error.fields = { current_password: 'INVALID_CURRENT_PASSWORD' };
        throw error;
      }
      form.hidden = true;
      document.getElementById('done').hidden = false;
      document.getElementById('done').focus();
      return;
    }
    let change;
    try {
      change = await api('PUT', '/me/' + kind, { [kind]: value, current_password: v.current_password });
    } catch (error) {
      if (error.code === 'INVALID_CURRENT_PASSWORD') error.fields = { current_password: 'INVALID_CURRENT_PASSWORD' };
      if (error.code === 'MOBILE_NOT_OWNED') error.fields = { mobile: 'MOBILE_NOT_OWNED' };
      throw error;
    }
    saved.set('change-' + kind, change);
    go(`account/${kind}-verify.html`);
  });
}

export function verifyForm(kind) {
  const change = saved.get('change-' + kind);
  if (!change) { go(`account/${kind}.html`); return; }
  fill(document, change);
  const form = document.getElementById('form');
  handle(form, async (v) => {
    try {
      await api('POST', `/me/${kind}/${encodeURIComponent(change.change_id)}/verify`, v);
    } catch (error) {
      if (error.code === 'INVALID_CODE') error.fields = { code: 'INVALID_CODE' };
      throw error;
    }
    saved.drop('change-' + kind);
    form.hidden = true;
    const done = document.getElementById('done');
    done.hidden = false;
    done.focus();
  });
}
