// Verdana 11px advance widths measured in a browser by shields.io's maintainers (the table their
// badge-maker measures with, from the anafanafo package): [first code point, last, width px].
import verdana11 from 'anafanafo/data/verdana-11px-normal.json' with { type: 'json' };

const ranges = verdana11 as unknown as readonly (readonly [number, number, number])[];
const emWidth = widthOfCodePoint('m'.codePointAt(0)!)!;

/** Width of one code point in px, or undefined when the table has none. */
function widthOfCodePoint(codePoint: number): number | undefined {
  if (codePoint <= 31 || codePoint === 127) return 0; // control characters draw nothing
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last, width] = ranges[middle]!;
    if (codePoint < first) high = middle - 1;
    else if (codePoint > last) low = middle + 1;
    else return width;
  }
  return undefined;
}

/**
 * How wide `text` renders in 11px Verdana (DejaVu Sans and Geneva are close), in px. A code point
 * the table lacks counts as an "m", the widest common letter, so text never overflows its box.
 */
export function measureVerdana11(text: string): number {
  let width = 0;
  for (const char of text) width += widthOfCodePoint(char.codePointAt(0)!) ?? emWidth;
  return width;
}
