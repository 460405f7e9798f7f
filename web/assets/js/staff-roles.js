// The roles fieldset the member pages share: checked boxes to a list, and the branch only for branch officers.
export const ROLES = ['admin', 'branch_officer', 'records_officer', 'institution_manager', 'auditor'];

export function chosen(v) {
  const roles = ROLES.filter((role) => v['role_' + role]);
  const body = { roles };
  if (roles.includes('branch_officer')) body.branch_id = v.branch_id;
  return body;
}

export function check(form, roles, branchId) {
  for (const role of ROLES) form.elements['role_' + role].checked = roles.includes(role);
  form.elements.branch_id.value = branchId || '';
}
