// The signed-in member's tasks: only those of the roles they hold.
import { fill, text } from './common.js';
import { member } from './office.js';

const who = await member();
fill(document, { greeting: text('greeting', { name: who.full_name }) });
for (const item of document.querySelectorAll('[data-role]')) item.hidden = !who.roles.includes(item.dataset.role);
