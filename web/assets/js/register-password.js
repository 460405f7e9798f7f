// Step 6: the password, sent with the email and the answers; on success the answers leave this tab's storage.
import { api, go, handle } from './common.js';
import { nameViolations } from './password.js';
import { keep, questionsBody, registration } from './wizard.js';

const form = document.getElementById('form');
const kept = registration();
handle(form, async (v) => {
  if (!kept.questions) { go('register/questions.html'); return; }
  const body = { password: v.password, password_repeat: v.password_repeat, security_answers: questionsBody(kept.questions) };
  if (kept.email && kept.email.email) body.email = kept.email.email;
  try {
    await api('PUT', `/registrations/${kept.id}/credentials`, body);
  } catch (error) {
    throw nameViolations(error);
  }
  keep('questions', { done: true });
  go('register/review.html');
});
