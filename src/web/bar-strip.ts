import { html } from 'htm/preact';
import type { BarItem } from './bar-items.ts';

/** Props of a strip of bars. */
export interface BarStripProps {
  readonly items: readonly BarItem[];
  /** Names the group for screen readers: `Uptime per hour, last 24 hours`. */
  readonly label: string;
  /** Words under the strip's two ends: `['24 h ago', 'now']`. */
  readonly ends: readonly [string, string];
  /** Layout class: how many columns the strip has (`bars-24`, `bars-60`, `bars-90`). */
  readonly layout: string;
}

/**
 * A row of uptime bars. Each bar is an image whose title is both its accessible name and its
 * tooltip; no aria-label twin, since the page carries over a thousand of these labels. Pointing
 * at (or tapping) a bar also shows its title over the ends line, from the stylesheet alone.
 */
export function BarStrip({ items, label, ends, layout }: BarStripProps) {
  return html`
    <div class="strip">
      <div class=${`bars ${layout}`} role="group" aria-label=${label}>
        ${items.map((item) => html`<span role="img" title=${item.label} class=${item.grade}></span>`)}
      </div>
      <p class="ends" aria-hidden="true"><span>${ends[0]}</span><span>${ends[1]}</span></p>
    </div>
  `;
}
