/**
 * What is public about a target's URL. The page and the whole API are public, and logs travel to
 * places the operator does not control, so a URL leaves the process only through `redactUrl` (or
 * as the operator's own `publicUrl`, or not at all). The probe alone uses the URL as written.
 */

/**
 * Query (and fragment) parameter names whose values are masked: a name matches when it contains
 * one of these, case-insensitively, after percent-decoding (`%74oken`, `X-Api-Key`, `client_secret`).
 * Substring matching hides too much now and then (`monkey`, `author`), which is the safe way to err.
 */
export const secretParameterWords = [
  'token',
  'key',
  'apikey',
  'api_key',
  'secret',
  'password',
  'pass',
  'pwd',
  'auth',
  'sig',
  'signature',
  'access_token',
  'code',
] as const;

/** What a masked value becomes. */
export const maskedValue = '***';

/** Stands in for text that is not a URL yet holds characters that could delimit a credential. */
export const unparseableUrl = '[unparseable URL]';

/**
 * The URL without user info and with the values of secret-looking parameters masked, in the query
 * and in the fragment (never sent to the server, but `#access_token=` is how OAuth hands out
 * tokens). A URL with nothing to hide comes back exactly as written. Text that does not parse as a
 * URL with a host becomes `[unparseable URL]` when an `@` follows anything (without a parse there is no
 * telling where user info starts); otherwise its secret-looking `name=value` pairs are masked.
 */
export function redactUrl(text: string): string {
  const url = URL.canParse(text) ? new URL(text) : undefined;
  // an `@` with something before it may end user info; a leading one (`@hourly`) cannot
  if (url === undefined || url.host === '') return /.@/s.test(text) ? unparseableUrl : maskPairs(text);
  const search = maskParameters(url.search);
  const hash = maskParameters(url.hash);
  if (url.username === '' && url.password === '' && search === url.search && hash === url.hash) return text;
  url.username = '';
  url.password = '';
  url.search = search;
  url.hash = hash;
  return url.href;
}

/**
 * The text every public output shows for a target: `publicUrl` when it is a URL, nothing (an empty
 * string, so the tutorial's `url` field stays a string) when it is `false`, else the probed URL
 * redacted. A `publicUrl` is redacted as well: it is public by intent, a token in it by accident.
 */
export function choosePublicUrl(url: string, publicUrl: string | boolean): string {
  if (publicUrl === false) return '';
  return redactUrl(publicUrl === true ? url : publicUrl);
}

/** A URL's `?query` or `#fragment` with its secret parameters masked. */
function maskParameters(part: string): string {
  return part.length < 2 ? part : `${part[0]}${maskPairs(part.slice(1))}`;
}

/**
 * `a=1&token=x` -> `a=1&token=***`; pairs without `=` and non-secret ones stay as written. A name is
 * everything before its `=`, so in loose text (`host/?token=x`) the separators before it count too.
 */
function maskPairs(text: string): string {
  return (
    text
      // `;` separated parameters too: some servers (and old HTML forms) still read them that way
      .split(/([&;])/)
      .map((piece) => {
        const equals = piece.indexOf('=');
        if (equals === -1 || !isSecretName(piece.slice(0, equals))) return piece;
        return `${piece.slice(0, equals)}=${maskedValue}`;
      })
      .join('')
  );
}

function isSecretName(name: string): boolean {
  const decoded = decodeName(name).toLowerCase();
  return secretParameterWords.some((word) => decoded.includes(word));
}

/** Percent-decoded (`+` as space, as forms send it); a malformed escape decodes byte by byte. */
function decodeName(name: string): string {
  const text = name.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(text);
  } catch {
    return text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/**
 * What a stored row's `url` becomes on output: its configured target's public URL; for a target no
 * longer configured, the stored URL redacted again (rows written before redaction existed hold it
 * as probed), or '' when `publicUrls` is false.
 */
export function createStoredUrlPublisher(
  targets: readonly { readonly name: string; readonly publicUrl: string }[],
  publicUrls: boolean,
): (row: { readonly target: string; readonly url: string }) => string {
  const configured = new Map(targets.map((target) => [target.name, target.publicUrl]));
  return (row) => configured.get(row.target) ?? (publicUrls ? redactUrl(row.url) : '');
}
