import type { Expectations } from './config.ts';
import { joinPath } from './read-fields.ts';
import { readProbeKind } from './target-url.ts';

// Keys that shape an HTTP request or judge an HTTP response; a tcp:// or dns:// target has neither.
const httpOnlyKeys = ['method', 'body', 'contentType', 'maxBodyBytes', 'headers', 'insecure'];
const httpOnlyExpectKeys = ['status', 'body', 'json', 'headers'] as const;

/**
 * Reports the keys that do not apply to the target's kind (http, tcp, dns), and returns the
 * expectations that do: tcp:// and dns:// targets expect no HTTP status.
 */
export function checkTargetKind(
  url: string,
  raw: Record<string, unknown>,
  expect: Expectations,
  path: string,
  errors: string[],
): Expectations {
  const kind = readProbeKind(url);
  const misplaced = (key: string, where: string) =>
    errors.push(`${joinPath(path, key)}: only for ${where} targets`);
  if (kind !== 'tcp' && raw.tls !== undefined) misplaced('tls', 'tcp://');
  const rawExpect = (typeof raw.expect === 'object' && raw.expect) || {};
  if (kind !== 'dns' && 'answers' in rawExpect) misplaced('expect.answers', 'dns://');
  if (kind === 'http') return expect;
  // insecure applies to a TLS handshake, which a tcp:// target makes with `tls: true`.
  for (const key of httpOnlyKeys) {
    if (raw[key] !== undefined && !(key === 'insecure' && kind === 'tcp')) misplaced(key, 'http(s)');
  }
  for (const key of httpOnlyExpectKeys) if (key in rawExpect) misplaced(`expect.${key}`, 'http(s)');
  return { ...expect, status: [] };
}
