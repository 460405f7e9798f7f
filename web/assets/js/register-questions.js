// Step 5: three distinct questions and their answers, kept in this tab until the password step sends them.
import { go, handle, restore } from './common.js';
import { checkQuestions, loadQuestions } from './questions.js';
import { keep, registration } from './wizard.js';

const form = document.getElementById('form');
const kept = registration();
await loadQuestions(form);
restore(form, kept.questions);
handle(form, async (v) => {
  if (!checkQuestions(form, v)) return;
  keep('questions', v);
  go('register/password.html');
});
