// Every institution inquiry against the person's codes, newest first.
import { text, time } from './common.js';
import { everything, table } from './lists.js';

const items = await everything('/me/access-log');
document.getElementById('list').replaceChildren(table(text('institution'), [text('when'), text('institution'), text('tracking'), text('outcome')],
  items.map((e) => [time(e.at), `${e.institution_name} (${text('channel.' + (e.channel || 'api'))})`, e.tracking_number, text('status.' + e.outcome)])));
