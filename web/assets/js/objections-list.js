// The person's objections and where each stands.
import { text, time } from './common.js';
import { everything, table } from './lists.js';

const items = await everything('/me/objections');
document.getElementById('list').replaceChildren(table(text('tracking'), [text('kind'), text('tracking'), text('outcome'), text('submitted')],
  items.map((o) => [text('objection.' + o.kind), o.tracking_code, text('status.' + o.status), time(o.submitted_at)])));
