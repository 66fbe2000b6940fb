import type { Signal } from '../signal.ts';

/**
 * Orders text by code point, which is the byte order of its UTF-8 and so the SQLite store's
 * order; plain `<` compares UTF-16 units and puts astral characters before U+E000..U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const difference = a.codePointAt(i)! - b.codePointAt(i)!;
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}

/** Signals in time order, ties broken by target then region, as the SQLite store returns them. */
export function compareSignals(a: Signal, b: Signal): number {
  return a.received - b.received || compareText(a.target, b.target) || compareText(a.region, b.region);
}
