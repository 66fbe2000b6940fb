import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Signal } from '../signal.ts';
import { groupSignals } from '../status/signal-record.ts';
import { compareText } from '../store/signal-order.ts';
import type { Store } from '../store/store.ts';
import { readInstantParameter, singleParameter } from './parse-instant.ts';
import { readHistory } from './read-history.ts';
import { formatSignalsCsv, wantsCsv } from './signals-csv.ts';

/** Rows per page when `limit` is not given, and the most a page may hold (a few MB of JSON). */
export const defaultPageRows = 1_000;
export const maxPageRows = 10_000;

/** Where the next page starts: at `received`, after the first `skip` rows there (in store order). */
interface Cursor {
  readonly received: number;
  readonly skip: number;
}

/** A checked range request of `/api/signals`. */
export interface SignalRangeQuery {
  readonly from: number;
  readonly to: number;
  readonly target?: string;
  readonly pageRows: number;
  readonly cursor?: Cursor;
}

/** Whether `/api/signals` is asked for a range (any of `from`, `to`, `cursor`): else the newest per target. */
export function isRangeRequest(query: Record<string, string[]>): boolean {
  return 'from' in query || 'to' in query || 'cursor' in query;
}

/**
 * Reads a range request: `from` (default: the oldest kept), `to` (default: now), both ISO 8601 or
 * epoch ms; `limit` rows per page (default 1,000, at most 10,000); `cursor` from a previous page's
 * `Link`; `target`. Each problem is a 400 with why.
 */
export function parseSignalRange(query: Record<string, string[]>, now: number): SignalRangeQuery {
  const from = readInstantParameter(query, 'from') ?? 0;
  const to = readInstantParameter(query, 'to') ?? now;
  if (!(from < to)) throw new HTTPException(400, { message: 'from: must be before to' });
  const rawLimit = singleParameter(query, 'limit');
  const pageRows =
    rawLimit === undefined ? defaultPageRows : /^\d{1,6}$/.test(rawLimit) ? Number(rawLimit) : 0;
  if (!(pageRows >= 1 && pageRows <= maxPageRows)) {
    throw new HTTPException(400, {
      message: `limit: rows per page, an integer from 1 to ${maxPageRows}, got ${JSON.stringify(rawLimit)}`,
    });
  }
  const rawCursor = singleParameter(query, 'cursor');
  const cursorMatch = rawCursor === undefined ? null : /^(\d{1,15})\.(\d{1,6})$/.exec(rawCursor);
  if (rawCursor !== undefined && !cursorMatch) {
    throw new HTTPException(400, { message: 'cursor: not one this server gave out (copy the Link header)' });
  }
  const target = singleParameter(query, 'target');
  return {
    from,
    to,
    pageRows,
    ...(target === undefined ? {} : { target }),
    ...(cursorMatch ? { cursor: { received: Number(cursorMatch[1]), skip: Number(cursorMatch[2]) } } : {}),
  };
}

/**
 * One page of the range, oldest first (ties by target, region), and the cursor of the next page
 * when there is more. Keyset paging: each page is one bounded store read, however deep the walk.
 */
export async function readSignalPage(
  store: Pick<Store, 'readRange'>,
  query: SignalRangeQuery,
): Promise<{ signals: Signal[]; next?: string }> {
  const { cursor, pageRows } = query;
  const start = cursor === undefined ? query.from : Math.max(cursor.received, query.from);
  const skip = cursor && cursor.received === start ? cursor.skip : 0;
  // One row past the page tells whether there is a next one.
  const rows = await store.readRange({
    from: start,
    to: query.to,
    limit: skip + pageRows + 1,
    ...(query.target === undefined ? {} : { target: query.target }),
  });
  let skipped = 0;
  while (skipped < skip && rows[skipped]?.received === start) skipped++;
  const signals = rows.slice(skipped, skipped + pageRows);
  if (rows.length <= skipped + pageRows) return { signals };
  const last = signals[signals.length - 1]!.received;
  const atLast = signals.filter((signal) => signal.received === last).length;
  return { signals, next: `${last}.${atLast + (last === start ? skipped : 0)}` };
}

/**
 * Answers a range request: the tutorial's shape (one entry per target, records oldest first) or
 * CSV (`format=csv` or `Accept: text/csv`; one line per signal, oldest first), with a
 * `Link: <...>; rel="next"` header while more pages follow. `publish` gives a signal's public URL.
 */
export async function sendSignalRange(
  c: Context,
  deps: { store: Pick<Store, 'readRange'>; publish: (signal: Signal) => Signal },
): Promise<Response> {
  const query = parseSignalRange(c.req.queries(), Date.now());
  const csv = wantsCsv(singleParameter(c.req.queries(), 'format'), c.req.header('Accept'));
  const page = await readHistory(() => readSignalPage(deps.store, query));
  const signals = page.signals.map(deps.publish);
  if (page.next !== undefined) {
    const next = new URL(c.req.url);
    next.searchParams.set('cursor', page.next);
    c.header('Link', `<${next.pathname}${next.search}>; rel="next"`);
    c.header('Access-Control-Expose-Headers', 'Link');
  }
  if (csv) return c.body(formatSignalsCsv(signals), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  const byTarget = [...signals].sort((a, b) => compareText(a.target, b.target)); // stable: time order stays
  return c.json(groupSignals(byTarget));
}
