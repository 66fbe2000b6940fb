import { Component } from 'preact';
import type { TargetStatus, UptimeWindows } from '../status/wire-types.ts';
import { html } from 'htm/preact';
import { recentIncidentDays, type RecentIncident } from '../status/recent-incident.ts';
import {
  describeBarIncidents,
  loadingIncidents,
  unknownIncidents,
  type BarIncidents,
  type LoadIncidents,
} from './bar-incidents.ts';
import { BarStrip } from './bar-strip.ts';
import { describeBuckets } from './bar-items.ts';
import { formatPercent } from './format-text.ts';
import { targetAnchor } from './page-view.ts';
import { LatencyChart } from './latency-chart.ts';
import { RecentProbes, type LoadProbes } from './recent-probes.ts';
import { describeReason, describeState } from './state-labels.ts';

/** The uptime windows the page can show, in the order of the switch. */
export const uptimeWindows: readonly (keyof UptimeWindows)[] = ['24h', '7d', '30d', '90d'];

/** How a window reads on the page: `24 h`, `7 days`. */
export const windowNames: Record<keyof UptimeWindows, string> = {
  '24h': '24 h',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
};

/** `99.95% uptime`, or `No data` for a window without checks. */
function describeUptime(percent: number | null): string {
  return percent === null ? 'No data' : `${formatPercent(percent)} uptime`;
}

/** Every window's uptime, one span each; the stylesheet shows the window the switch selects. */
export function UptimeFigures({ uptime }: { uptime: UptimeWindows }) {
  return html`<span class="uptime">
    ${uptimeWindows.map(
      (window) =>
        html`<span class=${`u u-${window}`}
          >${`${describeUptime(uptime[window])} (${windowNames[window]})`}</span
        >`,
    )}
  </span>`;
}

/** Props of one target's row. */
export interface TargetRowProps {
  readonly target: TargetStatus;
  readonly loadProbes?: LoadProbes;
  /** One line: name, state, uptime and the daily bars; the hourly bars, latency and probes stay out. */
  readonly compact?: boolean;
  /** The page's recent incidents (the last 14 days, every target's). */
  readonly incidents?: readonly RecentIncident[];
  /** Fetches this target's incidents for its older daily bars. */
  readonly loadIncidents?: LoadIncidents | undefined;
}

/** A row's own state: its target's incidents for the older daily bars, once fetched (or why not). */
interface OlderIncidents {
  readonly older?: BarIncidents;
}

/**
 * One target: state, uptime, hourly and daily bars, latency and the recent-probes disclosure.
 * Re-renders only when its own TargetStatus object changes, so one live event costs one row even
 * with a thousand targets on the page (and every row when the recent incidents change, which a
 * state change does, far more rarely).
 */
export class TargetRow extends Component<TargetRowProps, OlderIncidents> {
  asked: boolean | undefined;

  override shouldComponentUpdate(next: TargetRowProps, state: OlderIncidents): boolean {
    // plain comparisons, no allocation: a live event asks every row of a 1,000-target page
    const props = this.props;
    return (
      state.older !== this.state.older ||
      next.target !== props.target ||
      next.loadProbes !== props.loadProbes ||
      next.compact !== props.compact ||
      next.incidents !== props.incidents ||
      next.loadIncidents !== props.loadIncidents
    );
  }

  /**
   * Asks once for this target's incidents of the 90 days, whichever older bars the reader reaches
   * and however fast; meanwhile they say they are loading.
   */
  loadOlder(): string {
    const { loadIncidents, target } = this.props;
    if (!this.asked && loadIncidents) {
      this.asked = true;
      loadIncidents(target.name, target.days.start).then(
        (older) => this.setState({ older }),
        () => this.setState({ older: unknownIncidents }),
      );
    }
    return loadingIncidents;
  }

  override render(
    { target, loadProbes, compact, incidents = [] }: TargetRowProps,
    { older }: OlderIncidents,
  ) {
    const recentFrom = Date.now() - recentIncidentDays * 86_400_000;
    // a bar older than the page's recent incidents reads this target's own, fetched when one is first read
    const touched = (from: number, to: number) =>
      describeBarIncidents(
        target.name,
        from >= recentFrom ? incidents : (older ?? this.loadOlder()),
        from,
        to,
      );
    const state = describeState(target.state);
    const reason = describeReason(target.last);
    const stateLine = html`<p class="state">
      <span class="icon" aria-hidden="true">${state.icon}</span>
      ${` ${state.text}`}${
        reason
          ? html`<span class="reason" title=${target.detail ?? undefined}>${` · ${reason}`}</span>`
          : null
      }
    </p>`;
    const days = html`<${BarStrip}
      bars=${describeBuckets(target.days, touched)}
      label="Uptime per day, last 90 days"
      ends=${compact ? undefined : ['90 days ago', 'today']}
      layout="bars-90"
    />`;
    if (compact)
      return html`
        <li class=${`target compact state-${target.state}`} id=${targetAnchor(target.name)}>
          <h3>${target.name}</h3>
          ${stateLine}
          <${UptimeFigures} uptime=${target.uptime} />
          ${days}
        </li>
      `;
    // Each run of text is one expression: the server joins neighbouring texts into one node, and
    // hydrating would split it again, row by row.
    return html`
      <li class=${`target state-${target.state}`} id=${targetAnchor(target.name)}>
        <div class="target-head">
          <h3>${target.name}</h3>
          ${stateLine}
        </div>
        <${UptimeFigures} uptime=${target.uptime} />
        <div class="charts">
          <${BarStrip}
            bars=${describeBuckets(target.hours, touched)}
            label="Uptime per hour, last 24 hours"
            ends=${['24 h ago', 'now']}
            layout="bars-24"
          />
          <${LatencyChart} target=${target} />
        </div>
        ${days}
        <${RecentProbes} target=${target} loadProbes=${loadProbes} />
      </li>
    `;
  }
}
