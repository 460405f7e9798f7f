// The confirmation before a dependent is removed.
import { api, fill, go, handle } from './common.js';
import { dependent, dependentId, describe } from './dependents.js';

fill(document, describe(await dependent()));
handle(document.getElementById('form'), async () => {
  await api('DELETE', `/me/dependents/${encodeURIComponent(dependentId)}`);
  go('dependents/index.html');
});
