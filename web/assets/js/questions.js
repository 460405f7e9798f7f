// The three security-question pickers, filled from GET /security-questions, and their local checks.
import { api, el, refuse } from './common.js';

export async function loadQuestions(form) {
  const list = await api('GET', '/security-questions');
  for (const select of form.querySelectorAll('[data-questions]')) {
    for (const q of list) select.append(el('option', { value: q.id, text: q.text }));
  }
}

/** Refuses three answers that the API would refuse, before anything is sent. */
export function checkQuestions(form, v) {
  const fields = {};
  const chosen = [1, 2, 3].map((n) => v['question_' + n]);
  [1, 2, 3].forEach((n, i) => {
    if (!chosen[i]) fields['question_' + n] = 'UNKNOWN_QUESTION';
    else if (chosen.indexOf(chosen[i]) !== i) fields['question_' + n] = 'DUPLICATE_QUESTION';
    const length = (v['answer_' + n] || '').length;
    if (length < 2 || length > 64) fields['answer_' + n] = 'ANSWER_LENGTH';
  });
  if (Object.keys(fields).length) { refuse(form, fields); return false; }
  return true;
}
