// Step 7: the answers as the service holds them, each with its change link.
import { api, fill, text } from './common.js';
import { registration } from './wizard.js';

const kept = registration();
const review = await api('GET', `/registrations/${kept.id}`);
fill(document, { ...review, gender: text('gender.' + review.gender), email: review.email || '—',
  questions: String((review.question_ids || []).length) + ' / 3', password: '••••••••' });
