// New security questions and answers, with the current password.
import { api, handle } from './common.js';
import { checkQuestions, loadQuestions } from './questions.js';
import { questionsBody } from './wizard.js';

const form = document.getElementById('form');
await loadQuestions(form);
handle(form, async (v) => {
  if (!checkQuestions(form, v)) return;
  try {
    await api('PUT', '/me/security-answers', { current_password: v.current_password, security_answers: questionsBody(v) });
  } catch (error) {
    if (error.code === 'INVALID_CURRENT_PASSWORD') error.fields = { current_password: 'INVALID_CURRENT_PASSWORD' };
    throw error;
  }
  form.reset();
  const done = document.getElementById('done');
  done.hidden = false;
  done.focus();
});
