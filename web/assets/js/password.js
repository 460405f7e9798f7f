// The password rules are shown before typing; after a refusal each broken rule is named, beside the field too.
import { ApiError, lang, show, text } from './common.js';

export function nameViolations(error, password = 'password', repeat = 'password_repeat') {
  if (!(error instanceof ApiError) || error.code !== 'PASSWORD_POLICY') return error;
  const broken = error.detail.violations || [];
  for (const li of document.querySelectorAll('#rules li')) li.classList.toggle('broken', broken.includes(li.dataset.rule));
  const named = broken.map((code) => text('violation.' + code)).join(lang === 'fa' ? '، ' : '; ');
  error.fields = broken.length === 1 && broken[0] === 'MISMATCH' ? { [repeat]: 'MISMATCH' } : { [password]: 'POLICY' };
  error.message = show(`${error.message} ${text('password_broken')} ${named}`);
  return error;
}
