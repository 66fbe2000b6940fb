import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { EventHub } from './event-hub.ts';

// A refused viewer polls /api/status instead; a browser's EventSource does not retry after a 503,
// so this only tells scripts and proxies when to come back.
const retryAfterSeconds = 30;

/**
 * `GET /api/events`: writes the SSE headers and a `hello` straight onto Node's response and hands
 * the socket to the hub. No web stream, no per-stream timer or queue: an open stream costs its
 * socket and little else. Past the hub's cap the answer is a 503 with `Retry-After`.
 */
export function openEventStream(
  c: Context<{ Bindings: Partial<HttpBindings> }>,
  hub: EventHub,
  version: number,
) {
  const outgoing = c.env?.outgoing;
  // only the Node server has a socket to hold open (app.request() in tests has none)
  if (!outgoing) throw new HTTPException(501, { message: 'live events need the node server' });
  if (!hub.hasRoom()) {
    return c.json({ error: 'too many live viewers right now: poll /api/status instead' }, 503, {
      'Retry-After': String(retryAfterSeconds),
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'no-store',
    });
  }
  outgoing.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform: a compressing proxy would hold events back to fill its buffer
    'Cache-Control': 'no-store, no-transform',
    // nginx reads this and passes each event on at once (no proxy_buffering per location needed)
    'X-Accel-Buffering': 'no',
    'Access-Control-Allow-Origin': '*',
  });
  outgoing.write(`event: hello\ndata: ${JSON.stringify({ version })}\n\n`);
  hub.add(outgoing);
  outgoing.once('close', () => hub.remove(outgoing));
  return RESPONSE_ALREADY_SENT;
}
