// What the registration steps share: the registration kept for this tab, and the way back to its first step.
import { go, saved } from './common.js';

export function registration() {
  const kept = saved.get('registration');
  if (!kept || !kept.id) go('register/index.html');
  return kept || { start: {} };
}

export function keep(step, values) {
  const kept = saved.get('registration');
  kept[step] = values;
  saved.set('registration', kept);
}

export const questionsBody = (v) => [1, 2, 3].map((n) => ({ question_id: v['question_' + n], answer: v['answer_' + n] }));
