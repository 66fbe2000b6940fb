import { assembleSignal } from '../../signal-columns.ts';
import type { Signal } from '../../signal.ts';

/** A field value typed the way QuestDB reads it off the wire. */
export type IlpValue =
  | { type: 'string'; value: string }
  | { type: 'int'; value: number }
  | { type: 'double'; value: number }
  | { type: 'boolean'; value: boolean }
  /** Epoch microseconds (the `t` suffix), past 2^53 for far-off times. */
  | { type: 'timestamp'; value: bigint };

/** One parsed line. */
export interface IlpRow {
  table: string;
  symbols: Record<string, string>;
  fields: Record<string, IlpValue>;
  /** Nanoseconds, as written. */
  timestamp: string;
}

/**
 * Parses ILP text the way QuestDB reads it (a backslash escapes the next character; a newline ends
 * a line unless escaped or inside a quoted string). The tests' stand-in QuestDB
 * (fake-ilp-server.testkit.ts) and the encoder's round-trip test read rows with it. Returns the
 * complete rows and the unfinished tail of the text, to prepend to the next chunk of a stream.
 */
export function parseIlp(text: string): { rows: IlpRow[]; rest: string } {
  const rows: IlpRow[] = [];
  let start = 0;
  for (let end = findLineEnd(text, start); end !== -1; end = findLineEnd(text, start)) {
    rows.push(parseLine(text.slice(start, end)));
    start = end + 1;
  }
  return { rows, rest: text.slice(start) };
}

/** Reads a signal back from a row written by encodeSignalRow (an absent field is a NULL column). */
export function toSignal(row: IlpRow): Signal {
  return assembleSignal(({ name, kind, nullable }) => {
    if (kind === 'timestamp') return Number(BigInt(row.timestamp) / 1_000_000n);
    if (kind === 'symbol') return row.symbols[name] ?? '';
    const value = row.fields[name]?.value;
    if (value === undefined) return kind === 'double' && !nullable ? NaN : null;
    return typeof value === 'bigint' ? Number(value / 1000n) : value;
  });
}

function findLineEnd(text: string, from: number): number {
  let quoted = false;
  let inFields = false;
  for (let i = from; i < text.length; i++) {
    const character = text[i];
    if (character === '\\') i++;
    else if (character === '\n' && !quoted) return i;
    else if (character === ' ' && !quoted) inFields = true;
    // Quotes only open strings among the fields; in symbols they are ordinary characters.
    else if (character === '"' && inFields) quoted = !quoted;
  }
  return -1;
}

/** Splits on `separator` outside escapes (and, among fields, outside quoted strings); unescapes nothing. */
function splitUnescaped(text: string, separator: string, quotes: boolean): string[] {
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const character = text[i];
    if (character === '\\') i++;
    else if (character === '"' && quotes) quoted = !quoted;
    else if (character === separator && !quoted) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function unescape(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}

/** Splits `name=value` at the first unescaped `=` (a quoted value may hold more). */
function splitPair(pair: string): [string, string] {
  const [name = '', ...value] = splitUnescaped(pair, '=', false);
  return [unescape(name), value.join('=')];
}

function parseLine(line: string): IlpRow {
  // Symbols end at the first unescaped space; quotes mean nothing before it.
  const [head = '', ...tail] = splitUnescaped(line, ' ', false);
  const [body = '', timestamp = '', ...extra] = splitUnescaped(tail.join(' '), ' ', true);
  if (extra.length > 0 || !/^\d+$/.test(timestamp))
    throw new Error(`ilp: malformed line ${JSON.stringify(line)}`);
  const [table = '', ...symbolPairs] = splitUnescaped(head, ',', false);
  const symbols: Record<string, string> = {};
  for (const pair of symbolPairs) {
    const [name, value] = splitPair(pair);
    symbols[name] = unescape(value);
  }
  const fields: Record<string, IlpValue> = {};
  for (const pair of splitUnescaped(body, ',', true)) {
    const [name, value] = splitPair(pair);
    fields[name] = parseValue(value);
  }
  return { table: unescape(table), symbols, fields, timestamp };
}

function parseValue(raw: string): IlpValue {
  if (raw.startsWith('"') && raw.endsWith('"')) return { type: 'string', value: unescape(raw.slice(1, -1)) };
  if (raw === 't' || raw === 'true') return { type: 'boolean', value: true };
  if (raw === 'f' || raw === 'false') return { type: 'boolean', value: false };
  if (raw.endsWith('i')) return { type: 'int', value: Number(raw.slice(0, -1)) };
  if (/^-?\d+t$/.test(raw)) return { type: 'timestamp', value: BigInt(raw.slice(0, -1)) };
  return { type: 'double', value: Number(raw) };
}
