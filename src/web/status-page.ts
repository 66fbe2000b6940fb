import { Component } from 'preact';
import { html } from 'htm/preact';
import type { StatusResponse, TargetStatus } from '../status/wire-types.ts';
import type { LiveExtras } from '../status/page-extras.ts';
import { IncidentList } from './incident-list.ts';
import { computeOverall } from '../status/overall.ts';
import type { LiveHandlers } from './live-status.ts';
import { RangeSwitch } from './range-switch.ts';
import type { LoadProbes } from './recent-probes.ts';
import { describeOverall } from './state-labels.ts';
import { TargetRow } from './target-row.ts';
import { UpdatedAt } from './updated-at.ts';

/** The element the page renders into, on the server and when hydrating. */
export const pageRootId = 'app';
/** The `<script type="application/json">` holding the snapshot the page was rendered from. */
export const statusScriptId = 'upbeat-status';
/** The `<script type="application/json">` holding the page's live extras (incidents). */
export const extrasScriptId = 'upbeat-extras';

/** Extras for a page rendered without any (tests, a store that could not answer). */
export const noExtras: LiveExtras = { incidents: [] };

/** Props of the whole page: the snapshot to start from and, in the browser, the live feed. */
export interface StatusPageProps {
  readonly initial: StatusResponse;
  readonly extras?: LiveExtras;
  /** Subscribes to live updates; returns the unsubscribe. Absent on the server. */
  readonly connect?: (handlers: LiveHandlers) => () => void;
  readonly loadProbes?: LoadProbes;
  /** The clock for "updated … ago" and for when an event arrived (default Date.now). */
  readonly now?: () => number;
}

/**
 * The status with one target replaced (or appended when new), and the banner recomputed with the
 * server's own rule. Every other target object is kept, which is what lets their rows skip
 * re-rendering.
 */
export function applyTarget(status: StatusResponse, target: TargetStatus): StatusResponse {
  const index = status.targets.findIndex((each) => each.name === target.name);
  const targets = [...status.targets];
  targets[index < 0 ? targets.length : index] = target;
  return { ...status, targets, overall: computeOverall(targets) };
}

interface PageState {
  readonly status: StatusResponse;
  /** Epoch ms of the newest data. */
  readonly updatedAt: number;
  readonly connected: boolean;
  readonly extras: LiveExtras;
}

/** The status page: header, banner, window switch, one row per target, footer. */
export class StatusPage extends Component<StatusPageProps, PageState> {
  disconnect: (() => void) | undefined;

  constructor(props: StatusPageProps) {
    super(props);
    const { initial } = props;
    this.state = {
      status: initial,
      updatedAt: Date.parse(initial.generated_at),
      connected: true,
      extras: props.extras ?? noExtras,
    };
  }

  override componentDidMount(): void {
    const now = this.props.now ?? Date.now;
    this.disconnect = this.props.connect?.({
      onTarget: (target) =>
        this.setState((current) => ({ status: applyTarget(current.status, target), updatedAt: now() })),
      onStatus: (status) => this.setState({ status, updatedAt: Date.parse(status.generated_at) }),
      onIncidents: (incidents) => this.setState((current) => ({ extras: { ...current.extras, incidents } })),
      onConnection: (connected) => connected !== this.state.connected && this.setState({ connected }),
    });
  }

  override componentWillUnmount(): void {
    this.disconnect?.();
  }

  override render(
    { loadProbes, now = Date.now }: StatusPageProps,
    { status, updatedAt, connected, extras }: PageState,
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
        <${IncidentList} incidents=${extras.incidents} />
        <p class="notice" role="status">${connected ? null : 'Reconnecting — data may be stale'}</p>
      </main>
      <footer>
        <p>Times are UTC. The same data as JSON: <a href="/api/status">/api/status</a>. Powered by upbeat.</p>
      </footer>
    `;
  }
}
