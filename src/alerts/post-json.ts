/** One HTTP request a provider wants sent. */
export interface ProviderRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A JSON POST of `payload` to `url`: what most providers take. */
export function jsonRequest(url: string, payload: unknown): ProviderRequest {
  return { url, headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) };
}

/**
 * What became of one delivery. `answer` is what the provider said (status and the start of its
 * body), never the request: the URL and headers may hold secrets.
 */
export type DeliveryResult =
  { readonly ok: true } | { readonly ok: false; readonly answer: string; readonly retryAfterMs?: number };

// Enough of a provider's error body to see what it objected to, short enough for one log line.
const answerChars = 300;

/** POSTs `request`, giving up after `timeoutMs`; any 2xx is delivered, 429 carries its Retry-After. */
export async function postRequest(
  request: ProviderRequest,
  options: { fetch?: typeof fetch; timeoutMs: number; now?: () => number },
): Promise<DeliveryResult> {
  const { fetch: send = fetch, timeoutMs, now = Date.now } = options;
  let response: Response;
  try {
    response = await send(request.url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    return { ok: false, answer: describeFailure(error, timeoutMs) };
  }
  const text = await response.text().catch(() => '');
  if (response.ok) return { ok: true };
  const answer = `HTTP ${response.status}${text ? `: ${text.slice(0, answerChars)}` : ''}`;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), now());
  return retryAfterMs === undefined ? { ok: false, answer } : { ok: false, answer, retryAfterMs };
}

/** Retry-After in delay-seconds or as an HTTP date (RFC 9110 10.2.3), as ms from `now`. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** A network failure without the URL (fetch puts none in its message, but the cause may carry a host). */
function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && error.name === 'TimeoutError')
    return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : undefined;
  return code ? `could not connect (${code})` : 'could not connect';
}
