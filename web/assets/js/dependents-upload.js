// A certificate goes straight to its presigned bucket URL, with a progress bar; nothing passes through the API.
import { api, el, handle, refuse, text } from './common.js';
import { dependent, dependentId, missingDocuments } from './dependents.js';

const form = document.getElementById('form');
const kinds = document.getElementById('f-kind');
for (const kind of missingDocuments(await dependent())) kinds.append(el('option', { value: kind, text: text('document.' + kind) }));
const progress = document.getElementById('progress');
const MAX = 5 * 1024 * 1024;

function send(target, file) {
  return new Promise((resolve, reject) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(target.fields)) data.append(name, value);
    data.append('file', file);
    const request = new XMLHttpRequest();
    request.upload.addEventListener('progress', (e) => { if (e.lengthComputable) progress.value = Math.round((100 * e.loaded) / e.total); });
    request.addEventListener('load', () => (request.status < 300 ? resolve() : reject(new Error(String(request.status)))));
    request.addEventListener('error', () => reject(new Error('network')));
    request.open('POST', target.upload_url);
    request.send(data);
  });
}

handle(form, async (v) => {
  const file = v.file;
  if (!file) { refuse(form, { file: 'REQUIRED' }); return; }
  if (file.size > MAX) { refuse(form, { file: 'TOO_LARGE' }); return; }
  if (!['application/pdf', 'image/jpeg', 'image/png'].includes(file.type)) { refuse(form, { file: 'UNSUPPORTED_TYPE' }); return; }
  const target = await api('POST', `/me/dependents/${encodeURIComponent(dependentId)}/documents`, { kind: v.kind, filename: file.name, content_type: file.type });
  try {
    await send(target, file);
  } catch {
    refuse(form, { file: 'UPLOAD_FAILED' });
    return;
  }
  progress.value = 100;
  form.hidden = true;
  const done = document.getElementById('done');
  done.hidden = false;
  done.focus();
});
