import { Component } from 'preact';
import { html } from 'htm/preact';
import { formatAge, formatClock, formatDay } from './format-text.ts';

// often enough that "5 s ago" never lags visibly, rarely enough to cost nothing
const refreshMs = 5_000;

/** Props: when the newest data arrived, and the clock to measure its age by. */
export interface UpdatedAtProps {
  readonly at: number;
  readonly now: () => number;
}

/** "Updated 12 s ago", kept current on its own timer so the rows never re-render for it. */
export class UpdatedAt extends Component<UpdatedAtProps> {
  timer: ReturnType<typeof setInterval> | undefined;

  override componentDidMount(): void {
    this.timer = setInterval(() => this.forceUpdate(), refreshMs);
  }

  override componentWillUnmount(): void {
    clearInterval(this.timer);
  }

  override render({ at, now }: UpdatedAtProps) {
    const exact = `${formatDay(at)} ${formatClock(at, true)} UTC`;
    return html`
      <p class="updated">
        ${'Updated '}
        <time datetime=${new Date(at).toISOString()} title=${exact}>${formatAge(at, now())}</time>
      </p>
    `;
  }
}
