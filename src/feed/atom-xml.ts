import { createHash } from 'node:crypto';

// Characters XML 1.0 does not allow at all, not even escaped: most C0 controls, lone surrogates,
// U+FFFE and U+FFFF. A target name holding one would make the whole feed unreadable.
const notXmlCharacters = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(notXmlCharacters, '\uFFFD').replace(/[&<>"']/g, (character) => escapes[character]!);
}

/**
 * A stable Atom id for `key`: a name-based UUID (version 5 layout, SHA-1) as a `urn:uuid:` URI, so
 * the same incident or window keeps its id across restarts and instances, whatever its name holds.
 */
export function stableId(key: string): string {
  const hex = createHash('sha1').update(`upbeat ${key}`).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const uuid = hex.join('');
  return `urn:uuid:${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20)}`;
}
