/**
 * A notification receiver for the alert bench: an HTTP server on 127.0.0.1, port 0, that answers
 * every request 200 (after `delayMs`, to play a slow provider) and counts the alert events it was
 * sent, so "every event was delivered" is checked where the provider would see it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one receiver saw. */
export interface ReceivedAlerts {
  readonly requests: number;
  /** Events by kind: one per webhook request, the count in the title of a chat message. */
  readonly down: number;
  readonly up: number;
  readonly other: number;
  /** Webhook events whose Idempotency-Key had come before. */
  readonly duplicates: number;
  /** Webhook targets whose events did not arrive as down, up, down, up, ... */
  readonly outOfOrder: number;
  /** Epoch ms the latest down and up arrived (0: none yet). */
  readonly lastDownAt: number;
  readonly lastUpAt: number;
}

/**
 * The events one request carries: a webhook body names its one event; a chat message (Slack's
 * `text`, Discord's embed title) says "N targets are down" or "<target> is down".
 */
export function readAlertBody(body: string): { kind: string; count: number; target?: string; id?: string } {
  const json = JSON.parse(body) as {
    event?: string;
    target?: string;
    id?: string;
    text?: string;
    embeds?: { title?: string }[];
  };
  if (json.event) return { kind: json.event, count: 1, target: json.target, id: json.id };
  const title = (json.text?.split('\n')[0]?.replace(/^\*|\*$/g, '') ?? json.embeds?.[0]?.title ?? '').trim();
  const kind = / (are|is) down$/.test(title) ? 'down' : / (are|is) up again$/.test(title) ? 'up' : 'other';
  const grouped = /^(\d+) targets are /.exec(title);
  return { kind, count: grouped ? Number(grouped[1]) : 1 };
}

/** Starts a receiver; `delayMs` before each answer. */
export async function startAlertReceiver(options: { delayMs: number }) {
  let requests = 0;
  const counts = { down: 0, up: 0, other: 0 };
  const last = { down: 0, up: 0 };
  const ids = new Set<string>();
  let duplicates = 0;
  const sequences = new Map<string, string[]>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests += 1;
      const event = readAlertBody(Buffer.concat(chunks).toString('utf8'));
      const kind = event.kind === 'down' || event.kind === 'up' ? event.kind : 'other';
      counts[kind] += event.count;
      if (kind !== 'other') last[kind] = Date.now();
      if (event.id !== undefined) {
        if (ids.has(event.id)) duplicates += 1;
        ids.add(event.id);
      }
      if (event.target !== undefined) {
        const sequence = sequences.get(event.target) ?? [];
        sequence.push(event.kind);
        sequences.set(event.target, sequence);
      }
      setTimeout(() => response.writeHead(200).end(), options.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    report(): ReceivedAlerts {
      const outOfOrder = [...sequences.values()].filter((sequence) =>
        sequence.some((kind, index) => kind !== (index % 2 === 0 ? 'down' : 'up')),
      ).length;
      return {
        requests,
        ...counts,
        duplicates,
        outOfOrder,
        lastDownAt: last.down,
        lastUpAt: last.up,
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
