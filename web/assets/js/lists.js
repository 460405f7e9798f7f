// Lists the person's pages show: a table with a caption, or a short "nothing here" line; paged lists follow next_cursor.
import { api, el, text } from './common.js';

export function table(caption, headings, rows) {
  if (!rows.length) return el('p', { text: text('none') });
  const head = el('tr', {}, ...headings.map((h) => el('th', { scope: 'col', text: h })));
  const body = rows.map((cells) => el('tr', {}, ...cells.map((c) => (c instanceof Node ? el('td', {}, c) : el('td', { text: c })))));
  // A table wider than a phone scrolls inside its own region, which the keyboard can reach and a screen reader names.
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, el('table', {}, el('caption', { text: caption }), el('thead', {}, head), el('tbody', {}, ...body)));
}

/** Every item of a paged list, page by page (a person's lists are short; the cap keeps a runaway loop bounded). */
export async function everything(path) {
  const items = [];
  let cursor = null;
  for (let page = 0; page < 50; page += 1) {
    const query = new URLSearchParams({ limit: '100' });
    if (cursor) query.set('cursor', cursor);
    const answer = await api('GET', `${path}${path.includes('?') ? '&' : '?'}${query}`);
    items.push(...answer.items);
    cursor = answer.next_cursor;
    if (!cursor) break;
  }
  return items;
}

export const link = (href, label) => el('a', { href, text: label });
