// The institution's own recent inquiries, newest first.
import { el, text, time } from './common.js';
import { table } from './lists.js';
import { call, latin, member } from './office.js';

await member();
const answer = await call('GET', '/institution/inquiries?limit=100');
document.getElementById('list').replaceChildren(table(text('recent'), [text('when'), text('officer'), text('tracking'), text('person'), text('outcome')],
  answer.items.map((e) => [time(e.at), latin(e.officer_username), el('bdi', { dir: 'ltr', text: e.tracking_number || '—' }),
    el('bdi', { dir: 'ltr', text: e.national_code_masked }), text('status.' + e.outcome)])));
