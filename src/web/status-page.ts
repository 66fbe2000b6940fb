import { Component } from 'preact';
import { html } from 'htm/preact';
import type { StatusResponse } from '../status/wire-types.ts';
import { applyTargetUpdate, type TargetUpdate } from '../status/target-update.ts';
import { computeOverall } from '../status/overall.ts';
import type { Connection, LiveHandlers } from './live-status.ts';
import { RangeSwitch } from './range-switch.ts';
import type { LoadProbes } from './recent-probes.ts';
import { describeOverall } from './state-labels.ts';
import { TargetRow } from './target-row.ts';
import { UpdatedAt } from './updated-at.ts';

/** The element the page renders into, on the server and when hydrating. */
export const pageRootId = 'app';
/** The `<script type="application/json">` holding the snapshot the page was rendered from. */
export const statusScriptId = 'upbeat-status';

/** Props of the whole page: the snapshot to start from and, in the browser, the live feed. */
export interface StatusPageProps {
  readonly initial: StatusResponse;
  /** Subscribes to live updates; returns the unsubscribe. Absent on the server. */
  readonly connect?: (handlers: LiveHandlers) => () => void;
  readonly loadProbes?: LoadProbes;
  /** The clock for "updated … ago" and for when an event arrived (default Date.now). */
  readonly now?: () => number;
}

/**
 * The status with the live updates applied to their targets, and the banner recomputed with the
 * server's own rule. Every other target object is kept, which is what lets their rows skip
 * re-rendering. An update for a target the page does not show (the config changed under it) is
 * left out: the next snapshot brings it.
 */
export function applyTargets(status: StatusResponse, updates: readonly TargetUpdate[]): StatusResponse {
  const targets = [...status.targets];
  for (const update of updates) {
    const index = targets.findIndex((each) => each.name === update.name);
    if (index >= 0) targets[index] = applyTargetUpdate(targets[index]!, update);
  }
  return { ...status, targets, overall: computeOverall(targets) };
}

const notices: Record<Connection, string | null> = {
  live: null,
  polling:
    'Many people are looking right now, so this page refreshes every 15 seconds instead of live. All is well.',
  offline: 'Reconnecting — data may be stale',
};

interface PageState {
  readonly status: StatusResponse;
  /** Epoch ms of the newest data. */
  readonly updatedAt: number;
  readonly connection: Connection;
}

/** The status page: header, banner, window switch, one row per target, footer. */
export class StatusPage extends Component<StatusPageProps, PageState> {
  disconnect: (() => void) | undefined;

  constructor(props: StatusPageProps) {
    super(props);
    const { initial } = props;
    this.state = { status: initial, updatedAt: Date.parse(initial.generated_at), connection: 'live' };
  }

  override componentDidMount(): void {
    const now = this.props.now ?? Date.now;
    this.disconnect = this.props.connect?.({
      onTargets: (targets) =>
        this.setState((current) => ({ status: applyTargets(current.status, targets), updatedAt: now() })),
      onStatus: (status) => this.setState({ status, updatedAt: Date.parse(status.generated_at) }),
      onConnection: (connection) => connection !== this.state.connection && this.setState({ connection }),
    });
  }

  override componentWillUnmount(): void {
    this.disconnect?.();
  }

  override render(
    { loadProbes, now = Date.now }: StatusPageProps,
    { status, updatedAt, connection }: PageState,
  ) {
    const banner = describeOverall(status.overall);
    return html`
      <header class="top">
        <div class="brand">
          ${status.logo_url ? html`<img src=${status.logo_url} alt="" width="40" height="40" />` : null}
          <h1>${status.title}</h1>
        </div>
        ${status.description ? html`<p class="description">${status.description}</p>` : null}
      </header>
      <main>
        <section class=${`overall overall-${status.overall}`} aria-live="polite">
          <span class="icon" aria-hidden="true">${banner.icon}</span>
          <h2>${banner.text}</h2>
        </section>
        <div class="toolbar">
          <${RangeSwitch} />
          <${UpdatedAt} at=${updatedAt} now=${now} />
        </div>
        <section aria-labelledby="services">
          <h2 id="services" class="visually-hidden">Services</h2>
          <ul class="targets">
            ${status.targets.map(
              (target) => html`<${TargetRow} key=${target.name} target=${target} loadProbes=${loadProbes} />`,
            )}
          </ul>
        </section>
        <p class=${`notice notice-${connection}`} role="status">${notices[connection]}</p>
      </main>
      <footer>
        <p>Times are UTC. The same data as JSON: <a href="/api/status">/api/status</a>. Powered by upbeat.</p>
      </footer>
    `;
  }
}
