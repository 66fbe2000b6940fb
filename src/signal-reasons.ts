/**
 * The fixed set of reasons a result was not plainly `up`, with the words the page and the API
 * documentation use for each. One list: the `Reason` type, the OpenAPI enum and the page's labels
 * are all read from it, and `satisfies` makes a reason without a label a compile error.
 */
export const reasons = [
  'dns',
  'refused',
  'reset',
  'timeout',
  'tls',
  'redirects',
  'invalid_response',
  'status',
  'body',
  'header',
  'slow',
  'certificate',
] as const;

/**
 * Why a result was not plainly `up`: a probe error, `status` (unexpected code), `body` or `header`
 * (a failed response condition), `slow` (over `expect.latency`) or `certificate` (expires within
 * `expect.certificate`). Null when up.
 */
export type Reason = (typeof reasons)[number];

/** Why a probe got no usable answer. The others are decided by the check, not the probe. */
export type ProbeError = Exclude<Reason, 'status' | 'body' | 'header' | 'slow' | 'certificate'>;

/** Each reason in words (the page shows `status` and `slow` with their numbers instead). */
export const reasonLabels = {
  dns: 'DNS lookup failed',
  refused: 'connection refused',
  reset: 'connection reset',
  timeout: 'timed out',
  tls: 'TLS error',
  redirects: 'too many redirects',
  invalid_response: 'invalid response',
  status: 'unexpected HTTP status',
  body: 'unexpected response body',
  header: 'unexpected response header',
  slow: 'slower than expected',
  certificate: 'certificate expires soon',
} as const satisfies Record<Reason, string>;
