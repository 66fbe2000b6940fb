import { Component } from 'preact';
import { html } from 'htm/preact';
import type { BarSource } from './bar-items.ts';
import { drawBars } from './bar-paths.ts';
import { hideBarDetails, showBarDetails } from './bar-popover.ts';

/** Props of a strip of bars. */
export interface BarStripProps {
  readonly bars: BarSource;
  /** Names the strip for screen readers: `Uptime per day, last 90 days`. */
  readonly label: string;
  /** Words under the strip's two ends: `['24 h ago', 'now']`; none in compact rows. */
  readonly ends?: readonly [string, string];
  /** Room for this many bars (default: as many as there are); bars fill the last slots. */
  readonly slots?: number;
  /** Layout class: `bars-24`, `bars-60`, `bars-90`. */
  readonly layout: string;
}

interface StripState {
  /** The bar whose details show: the newest until the reader moves. */
  readonly at: number;
  /** Whether the pointer or the keyboard is on the strip, which outlines the bar. */
  readonly active: boolean;
}

// PageUp / PageDown jump a week of days (or a third of a day of hours)
const pageStep = 7;

/**
 * A row of uptime bars drawn as one small SVG, and one focus stop for the whole strip. Keyboard
 * users move between bars with the arrow keys, Home, End, PageUp and PageDown: the strip is a
 * WAI-ARIA slider whose value text is the current bar's details, so a screen reader reads each bar
 * as it is reached; sighted readers see the same words in the page's shared popover, also on hover
 * and tap. The words are made only for the bar that is reached.
 */
export class BarStrip extends Component<BarStripProps, StripState> {
  /** The bar reached last, ahead of the state while a render is pending (a tap focuses too). */
  reached: number | undefined;

  constructor(props: BarStripProps) {
    super(props);
    this.state = { at: Math.max(0, props.bars.grades.length - 1), active: false };
  }

  override componentDidUpdate(previous: BarStripProps): void {
    // a live update may change the current bar's words: keep the open popover true
    if (this.state.active && previous.bars !== this.props.bars) this.show(this.state.at);
  }

  override componentWillUnmount(): void {
    if (this.state.active) hideBarDetails();
  }

  show(at: number): void {
    const element = this.base as HTMLElement | undefined;
    const svg = element?.querySelector('svg');
    const count = this.props.bars.grades.length;
    if (!svg || count === 0) return;
    const box = svg.getBoundingClientRect();
    const slots = this.props.slots ?? count;
    const slot = box.width / slots;
    const left = box.left + (slots - count + at) * slot;
    showBarDetails(this.props.bars.describe(at), { left, right: left + slot, top: box.top });
  }

  move(at: number): void {
    const last = this.props.bars.grades.length - 1;
    const next = Math.max(0, Math.min(last, at));
    this.reached = next;
    this.setState({ at: next, active: true });
    this.show(next);
  }

  onKeyDown = (event: KeyboardEvent) => {
    const { at } = this.state;
    const steps: Record<string, number> = {
      ArrowLeft: at - 1,
      ArrowDown: at - 1,
      ArrowRight: at + 1,
      ArrowUp: at + 1,
      PageDown: at - pageStep,
      PageUp: at + pageStep,
      Home: 0,
      End: this.props.bars.grades.length - 1,
    };
    if (event.key === 'Escape') return this.leave();
    const next = steps[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.move(next);
  };

  onPointer = (event: PointerEvent) => {
    const box = (event.currentTarget as HTMLElement).getBoundingClientRect();
    const count = this.props.bars.grades.length;
    const slots = this.props.slots ?? count;
    const slot = Math.floor(((event.clientX - box.left) / box.width) * slots) - (slots - count);
    if (slot < 0) return this.leave();
    this.move(slot);
  };

  onFocus = () => this.move(this.reached ?? this.state.at);

  leave = () => {
    hideBarDetails();
    this.setState({ active: false });
  };

  override render({ bars, label, ends, slots, layout }: BarStripProps, { at, active }: StripState) {
    const count = bars.grades.length;
    const width = slots ?? count;
    const offset = width - count;
    const strip = html`
      <div
        class=${`bars ${layout}`}
        role="slider"
        tabindex="0"
        aria-label=${label}
        aria-valuemin="1"
        aria-valuemax=${count}
        aria-valuenow=${at + 1}
        aria-valuetext=${count ? bars.describe(at) : 'no data'}
        onKeyDown=${this.onKeyDown}
        onPointerMove=${this.onPointer}
        onPointerDown=${this.onPointer}
        onPointerLeave=${this.leave}
        onFocus=${this.onFocus}
        onBlur=${this.leave}
      >
        <svg viewBox=${`0 0 ${width} 1`} preserveAspectRatio="none" aria-hidden="true">
          ${drawBars(bars.grades, width).map(({ grade, d }) => html`<path class=${grade} d=${d} />`)}
          ${active ? html`<rect class="at" x=${offset + at - 0.1} y="0" width="1" height="1" />` : null}
        </svg>
      </div>
    `;
    if (!ends) return strip;
    return html`
      <div class="strip">
        ${strip}
        <p class="ends" aria-hidden="true"><span>${ends[0]}</span><span>${ends[1]}</span></p>
      </div>
    `;
  }
}
