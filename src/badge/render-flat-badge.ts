import { measureVerdana11 } from './text-width.ts';

/** What a badge says: the grey label on the left, the coloured message on the right. */
export interface BadgeFace {
  readonly label: string;
  readonly message: string;
  /** A colour name of shields.io's palette (what its endpoint JSON accepts too). */
  readonly color: BadgeColor;
}

/** shields.io's named colours and their hex values. */
export const badgeColors = {
  brightgreen: '#4c1',
  green: '#97ca00',
  yellowgreen: '#a4a61d',
  yellow: '#dfb317',
  orange: '#fe7d37',
  red: '#e05d44',
  lightgrey: '#9f9f9f',
  blue: '#007ec6',
} as const;
export type BadgeColor = keyof typeof badgeColors;

const height = 20;
const padding = 5; // px of colour either side of each text
const labelColor = '#555';

/** Escapes text for XML content and attribute values: a target's name is the operator's text, not markup. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** Whole px, rounded up to odd so the centred text lands on the pixel grid (shields.io does the same). */
function boxWidthOf(text: string): number {
  const width = Math.floor(measureVerdana11(text));
  return width % 2 === 0 ? width + 1 : width;
}

/**
 * One text drawn twice, a dark shadow 1 px below, at 10x scale so that `textLength` pins it to the
 * measured width in whichever of Verdana, Geneva or DejaVu Sans the viewer has.
 */
function renderText(text: string, left: number, width: number): string {
  const x = (left + padding + width / 2) * 10;
  const body = escapeXml(text);
  const length = width * 10;
  return (
    `<text aria-hidden="true" x="${x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${length}">${body}</text>` +
    `<text x="${x}" y="140" transform="scale(.1)" fill="#fff" textLength="${length}">${body}</text>`
  );
}

/** A flat badge like shields.io's default style, as SVG text. */
export function renderFlatBadge(face: BadgeFace): string {
  const labelText = boxWidthOf(face.label);
  const messageText = boxWidthOf(face.message);
  const left = labelText + 2 * padding;
  const right = messageText + 2 * padding;
  const width = left + right;
  const title = escapeXml(`${face.label}: ${face.message}`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>` +
    `<clipPath id="r"><rect width="${width}" height="${height}" rx="3" fill="#fff"/></clipPath>` +
    `<g clip-path="url(#r)"><rect width="${left}" height="${height}" fill="${labelColor}"/>` +
    `<rect x="${left}" width="${right}" height="${height}" fill="${badgeColors[face.color]}"/>` +
    `<rect width="${width}" height="${height}" fill="url(#s)"/></g>` +
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">` +
    renderText(face.label, 0, labelText) +
    renderText(face.message, left - 1, messageText) +
    `</g></svg>`
  );
}
