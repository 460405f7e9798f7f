// Step 3: the code or the answers, then the new password on the same page, so the reset token never leaves memory.
import { api, fill, go, handle, saved, text } from './common.js';
import { nameViolations } from './password.js';

const form = document.getElementById('form');
const reset = document.getElementById('reset');
const kept = saved.get('recovery');
if (!kept || !kept.challenge) go('recover/index.html');
const byQuestions = kept.challenge.method === 'questions';
const group = document.getElementById(byQuestions ? 'by-questions' : 'by-code');
group.hidden = false;
for (const input of document.getElementById(byQuestions ? 'by-code' : 'by-questions').querySelectorAll('input')) input.disabled = true;
if (byQuestions) {
  kept.challenge.questions.forEach((q, i) => { document.querySelector(`label[for="f-answer_${i + 1}"]`).textContent = q.text; });
} else fill(group, { sent_to: kept.challenge.sent_to });

let resetToken = null;
handle(form, async (v) => {
  const body = byQuestions
    ? { answers: kept.challenge.questions.map((q, i) => ({ question_id: q.id, answer: v['answer_' + (i + 1)] })) }
    : { code: v.code };
  try {
    resetToken = (await api('POST', `/password-recovery/${kept.id}/verify`, body)).reset_token;
  } catch (error) {
    if (error.code === 'INVALID_CODE' || error.code === 'INVALID_ANSWERS') {
      error.fields = byQuestions ? { answer_1: 'INVALID_ANSWERS' } : { code: 'INVALID_CODE' };
      error.message += ' ' + text('attempts_left', { n: error.detail.attempts_left });
    }
    throw error;
  }
  form.hidden = true;
  reset.hidden = false;
  document.getElementById('reset-title').focus();
});
handle(reset, async (v) => {
  try {
    await api('POST', `/password-recovery/${kept.id}/reset`, { reset_token: resetToken, ...v });
  } catch (error) {
    throw nameViolations(error, 'new_password', 'new_password_repeat');
  }
  saved.drop('recovery');
  go('recover/done.html');
});
