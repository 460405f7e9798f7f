// The outcome: the tracking code, and what to do next; a `submitted` request is polled until it is decided.
import { api, fill, saved, text } from './common.js';

const kept = saved.get('registration') || {};
fill(document, { tracking_code: kept.tracking_code || '' });
const statusText = document.getElementById('status-text');

function draw(status) {
  statusText.textContent = text('status.' + status);
  document.getElementById('branch').hidden = status !== 'branch_visit_required';
  document.getElementById('go-login').hidden = status !== 'active';
}

async function poll(tries) {
  const query = new URLSearchParams({ national_code: kept.national_code, tracking_code: kept.tracking_code });
  const { status } = await api('GET', '/registrations/status?' + query);
  draw(status);
  if (status === 'submitted' && tries > 0) setTimeout(() => poll(tries - 1), 2000);
  else saved.drop('registration');
}

if (kept.tracking_code) { draw(kept.status); if (kept.status === 'submitted') poll(15); else saved.drop('registration'); }
