/** What a JSON Pointer found: the value, or nothing at that path. */
export type PointerResult = { readonly found: true; readonly value: unknown } | { readonly found: false };

/**
 * Resolves an RFC 6901 JSON Pointer (`/a/0/b`, `~1` for `/`, `~0` for `~`, `""` for the whole
 * document) in a parsed JSON value. Array indexes are decimal without leading zeros, as the RFC says.
 */
export function resolvePointer(document: unknown, pointer: string): PointerResult {
  if (pointer === '') return { found: true, value: document };
  let current = document;
  for (const escaped of pointer.slice(1).split('/')) {
    const token = escaped.replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(current)) {
      if (!/^(0|[1-9]\d*)$/.test(token) || Number(token) >= current.length) return { found: false };
      current = current[Number(token)];
    } else if (typeof current === 'object' && current !== null && Object.hasOwn(current, token)) {
      current = (current as Record<string, unknown>)[token];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: current };
}
