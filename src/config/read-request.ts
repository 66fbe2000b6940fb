import type { Expectations, Target } from './config.ts';
import { configDefaults, httpMethods } from './defaults.ts';
import { needsResponseBody } from './read-expect.ts';
import { joinPath, readChoice, readInteger, readText } from './read-fields.ts';

// A body held in memory per probe in flight; 16 MiB is far past any health document and still bounded.
const largestBodyCap = 16 * 1024 * 1024;
// Methods whose request body servers are expected to read (RFC 9110 leaves GET and HEAD bodies undefined).
const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** What a target sends and how much of the answer it reads: `method`, `body`, `contentType`, `maxBodyBytes`. */
export function readRequest(
  raw: Record<string, unknown>,
  path: string,
  expect: Expectations | undefined,
  errors: string[],
): Pick<Target, 'method' | 'body' | 'maxBodyBytes'> | undefined {
  const field = (key: string) => joinPath(path, key);
  const errorCountBefore = errors.length;
  const given =
    raw.method === undefined ? undefined : readChoice(raw.method, field('method'), httpMethods, errors);
  const text = raw.body === undefined ? undefined : readText(raw.body, field('body'), errors);
  const contentType =
    raw.contentType === undefined
      ? configDefaults.target.contentType
      : readText(raw.contentType, field('contentType'), errors);
  const maxBodyBytes =
    raw.maxBodyBytes === undefined
      ? configDefaults.target.maxBodyBytes
      : readInteger(raw.maxBodyBytes, field('maxBodyBytes'), { min: 1, max: largestBodyCap }, errors);
  if (raw.contentType !== undefined && raw.body === undefined) {
    errors.push(`${field('contentType')}: only used with body; set body too`);
  }
  const readsBody = expect !== undefined && needsResponseBody(expect);
  // HEAD, the cheap default, has no response body, so body conditions switch the default to GET.
  const method = given ?? (text !== undefined ? 'POST' : readsBody ? 'GET' : configDefaults.target.method);
  if (text !== undefined && !methodsWithBody.has(method)) {
    errors.push(`${field('body')}: needs method ${[...methodsWithBody].join(', ')}; got ${method}`);
  }
  if (readsBody && method === 'HEAD') {
    errors.push(`${field('method')}: HEAD has no response body for expect.body or expect.json; use GET`);
  }
  if (errors.length > errorCountBefore || contentType === undefined || maxBodyBytes === undefined)
    return undefined;
  return { method, ...(text !== undefined && { body: { text, contentType } }), maxBodyBytes };
}
