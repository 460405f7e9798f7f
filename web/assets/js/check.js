// The public letter check: the facts behind a verification code, and a dropped PDF hashed here and compared.
import { api, fill, handle, text, time } from './common.js';

const form = document.getElementById('form');
const result = document.getElementById('result');
const match = document.getElementById('match');
let facts = null;
handle(form, async (v) => {
  result.hidden = true;
  try {
    facts = await api('GET', '/verify/' + encodeURIComponent(v.verification_code));
  } catch (error) {
    if (error.code === 'NOT_FOUND') error.fields = { verification_code: 'NOT_FOUND' };
    throw error;
  }
  fill(result, { ...facts, issued: time(facts.issued_at), type_text: facts.type });
  result.hidden = false;
  result.focus();
});

async function compare(file) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const hex = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
  match.textContent = text(hex === facts.sha256 ? 'match' : 'mismatch');
}
const input = document.getElementById('f-pdf');
input.addEventListener('change', () => input.files[0] && compare(input.files[0]));
const drop = document.getElementById('drop-pdf');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); if (e.dataTransfer.files[0]) compare(e.dataTransfer.files[0]); });
