// Adding a dependent: the registry answers with the name, shown next for the person to confirm.
import { api, go, handle, jalaliDay, onceKey } from './common.js';

const form = document.getElementById('form');
handle(form, async (v) => {
  const body = { national_code: v.national_code, birth_date: jalaliDay(v, 'birth_date'), relation: v.relation,
    student: v.student, disabled: v.disabled, supported: v.supported };
  try {
    const added = await api('POST', '/me/dependents', body, { key: onceKey(form) });
    go('dependents/added.html?id=' + encodeURIComponent(added.dependent_id));
  } catch (error) {
    if (error.code === 'NOT_ELIGIBLE' && error.detail.reason_text) error.message += ' ' + error.detail.reason_text;
    throw error;
  }
});
