import type { IlpSender } from './ilp-sender.ts';

// Long enough for a large batch on a slow link; QuestDB answers a normal one in milliseconds.
const requestTimeoutMs = 30_000;
const errorExcerptChars = 500; // QuestDB's error body names the failing line; enough to read it

/**
 * ILP over HTTP: one POST to `/write` per batch. A 204 means QuestDB committed the lines, so the
 * caller may forget them at once; any other answer rejects with the server's explanation.
 */
export function createIlpHttpWriter(options: {
  /** `http(s)://host:port` of QuestDB's HTTP server. */
  url: string;
  authorization?: string;
  fetch?: typeof globalThis.fetch;
}): IlpSender {
  const { url, authorization, fetch = globalThis.fetch } = options;
  const closing = new AbortController();
  const headers: Record<string, string> = { 'content-type': 'text/plain; charset=utf-8' };
  if (authorization) headers.authorization = authorization;

  return {
    async send(payload) {
      if (closing.signal.aborted) throw new Error('ILP writer is closed');
      const response = await fetch(`${url}/write?precision=n`, {
        method: 'POST',
        headers,
        body: payload,
        signal: AbortSignal.any([closing.signal, AbortSignal.timeout(requestTimeoutMs)]),
      });
      const body = await response.text();
      if (response.status === 204) return 'acknowledged';
      throw new Error(`ILP/HTTP write answered ${response.status}: ${body.slice(0, errorExcerptChars)}`);
    },
    async close() {
      closing.abort(new Error('ILP writer is closed'));
    },
  };
}
