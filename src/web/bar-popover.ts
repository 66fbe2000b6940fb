import { Component } from 'preact';
import { html } from 'htm/preact';

/** The id of the page's one popover for bar details. */
export const barPopoverId = 'bar-details';

// room between the bar and the popover, and between the popover and the window's edges, in px
const gap = 6;

/**
 * The one element that shows any bar's details, shared by every strip on the page, instead of one
 * tooltip element per bar. Preact renders it once, empty and hidden; the strips fill and place it
 * (showBarDetails / hideBarDetails), so re-rendering the page never touches it.
 */
export class BarPopover extends Component {
  override shouldComponentUpdate(): boolean {
    return false;
  }

  override render() {
    return html`<div id=${barPopoverId} class="popover" role="tooltip" hidden></div>`;
  }
}

/** Shows `text` over the bar at `bar` (viewport coordinates), kept inside the window. */
export function showBarDetails(text: string, bar: { left: number; right: number; top: number }): void {
  const popover = document.getElementById(barPopoverId);
  if (!popover) return;
  popover.textContent = text;
  popover.hidden = false;
  const width = popover.offsetWidth;
  const room = document.documentElement.clientWidth - width - gap;
  const left = Math.max(gap, Math.min(room, (bar.left + bar.right) / 2 - width / 2));
  // CSSOM writes, not style attributes: the page's CSP allows these
  popover.style.left = `${left + window.scrollX}px`;
  popover.style.top = `${bar.top + window.scrollY - popover.offsetHeight - gap}px`;
}

/** Hides the popover. */
export function hideBarDetails(): void {
  const popover = document.getElementById(barPopoverId);
  if (popover) popover.hidden = true;
}
