import { Component } from 'preact';
import { html } from 'htm/preact';
import type { SignalRecord, TargetStatus } from '../status/wire-types.ts';
import { BarStrip } from './bar-strip.ts';
import { describeProbes } from './bar-items.ts';

/** The tutorial's view: the last 60 probes, as many as `/api/signals?limit=60` returns. */
export const recentProbeCount = 60;

/** Loads a target's last probes, oldest first (the browser's is a fetch of `/api/signals`). */
export type LoadProbes = (name: string) => Promise<SignalRecord[]>;

/** Props of the recent-probes disclosure. */
export interface RecentProbesProps {
  readonly target: TargetStatus;
  readonly loadProbes?: LoadProbes | undefined;
}

interface Panel {
  readonly phase: 'closed' | 'loading' | 'failed' | 'open';
  readonly records: readonly SignalRecord[];
}

/** Where the raw records are: the no-JavaScript way in, and a handy link for scripts. */
export function signalsUrl(name: string): string {
  return `/api/signals?limit=${recentProbeCount}&target=${encodeURIComponent(name)}`;
}

/**
 * A disclosure with one bar per recent probe. It loads when opened; while open, each new `last`
 * the row receives is appended, so it stays live without another request.
 */
export class RecentProbes extends Component<RecentProbesProps, Panel> {
  override state: Panel = { phase: 'closed', records: [] };

  override componentDidUpdate(previous: RecentProbesProps): void {
    const last = this.props.target.last;
    const { phase, records } = this.state;
    if (phase !== 'open' || !last || last === previous.target.last) return;
    const newest = records[records.length - 1];
    if (newest && newest.received >= last.received) return;
    this.setState({ records: [...records, last].slice(-recentProbeCount) });
  }

  toggle = (event: Event) => {
    const { loadProbes, target } = this.props;
    if (!(event.currentTarget as HTMLDetailsElement).open) return this.setState({ phase: 'closed' });
    if (!loadProbes) return;
    this.setState({ phase: 'loading' });
    // an answer that arrives after the panel was closed again is dropped
    const settle = (next: Partial<Panel>) => this.state.phase === 'loading' && this.setState(next);
    loadProbes(target.name).then(
      (records) => settle({ phase: 'open', records }),
      () => settle({ phase: 'failed' }),
    );
  };

  override render({ target }: RecentProbesProps, { phase, records }: Panel) {
    // The ellipsis in a string, not the template: esbuild keeps template text as written, and one
    // non-ASCII character makes V8 hold the whole server bundle as a two-byte string (1.7 MB, not 0.85)
    return html`
      <details class="recent" onToggle=${this.toggle}>
        <summary>${`Last ${recentProbeCount} probes`}</summary>
        ${phase === 'loading' && html`<p class="muted">${'Loading\u2026'}</p>`}
        ${phase === 'failed' && html`<p class="muted">Could not load them; try again later.</p>`}
        ${
          phase === 'open' &&
          (records.length
            ? html`<${BarStrip}
                bars=${describeProbes(records)}
                label=${`Last ${records.length} probes, oldest first`}
                ends=${['oldest', 'newest']}
                slots=${recentProbeCount}
                layout="bars-60"
              />`
            : html`<p class="muted">No probes yet.</p>`)
        }
        <p class="muted"><a href=${signalsUrl(target.name)}>These probes as JSON</a></p>
      </details>
    `;
  }
}
