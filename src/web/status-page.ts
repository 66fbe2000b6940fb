import { Component } from 'preact';
import { html } from 'htm/preact';
import type { StatusResponse, TargetStatus } from '../status/wire-types.ts';
import type { LiveExtras } from '../status/page-extras.ts';
import { applyTargetUpdate, type TargetUpdate } from '../status/target-update.ts';
import { IncidentList } from './incident-list.ts';
import { computeOverall } from '../status/overall.ts';
import type { Connection, LiveHandlers } from './live-status.ts';
import { RangeSwitch } from './range-switch.ts';
import type { LoadProbes } from './recent-probes.ts';
import type { LoadIncidents } from './bar-incidents.ts';
import { OverallBanner } from './overall-banner.ts';
import { defaultView, filterTargets, isCompact, readView, writeView, type PageView } from './page-view.ts';
import { BarPopover } from './bar-popover.ts';
import { groupTargets } from './group-targets.ts';
import { isPartial } from './page-snapshot.ts';
import { TargetGroupSection } from './target-group.ts';
import { TargetRow, type TargetRowProps } from './target-row.ts';
import { UpdatedAt } from './updated-at.ts';
import { ViewControls } from './view-controls.ts';

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
  readonly loadIncidents?: LoadIncidents;
  /** Fetches the whole snapshot, for cards asked for while the page holds a first screen only. */
  readonly loadStatus?: () => Promise<StatusResponse>;
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
  // one pass to find them all: an event may carry hundreds of the page's 10,000 targets
  const indexes = new Map(targets.map((target, index) => [target.name, index]));
  for (const update of updates) {
    const index = indexes.get(update.name);
    if (index !== undefined) targets[index] = applyTargetUpdate(targets[index]!, update);
  }
  return { ...status, targets, overall: computeOverall(targets) };
}

const notices: Record<Connection, string | null> = {
  live: null,
  polling:
    'Many people are looking right now, so this page refreshes every 15 seconds instead of live. All is well.',
  offline: 'Reconnecting — data may be stale',
};

/**
 * Up to here every row is in the server's markup, so the page is complete without JavaScript; past
 * it, closed groups' rows are left out until opened and open ones show a page of rows at a time
 * (1,000 rows are ~1 MB of markup and a long task to lay out), and the page never fetches the whole
 * snapshot (10,000 targets' is ~20 MB of JSON to parse).
 */
export const lazyGroupsFrom = 200;
// rows a group shows at first past lazyGroupsFrom, and how many more each "Show more" adds: ten
// open groups then cost a few hundred rows
const groupPage = 25;

/**
 * The rows the view shows, inside one section per config group when any target has a group. A
 * group's worst state and uptime count all its targets, whatever the filter hides.
 */
function renderSections(
  targets: readonly TargetStatus[],
  view: PageView,
  /** What every row gets besides its target. */
  shared: Omit<TargetRowProps, 'target'>,
) {
  const rows = (list: readonly TargetStatus[]) =>
    list.map((target) => html`<${TargetRow} key=${target.name} target=${target} ...${shared} />`);
  const groups = groupTargets(targets);
  const lazy = targets.length >= lazyGroupsFrom;
  if (groups.length === 1 && groups[0]!.name === null) return rows(filterTargets(targets, view));
  const filtering = filterTargets(targets, view) !== targets;
  return groups.map((group) => {
    const matching = filterTargets(group.targets, view);
    if (filtering && matching.length === 0) return null;
    return html`<${TargetGroupSection}
      key=${group.name ?? ''}
      group=${group}
      open=${filtering}
      lazy=${lazy}
      page=${lazy ? groupPage : undefined}
      matching=${matching.length}
      rows=${(limit: number) => rows(matching.slice(0, limit))}
    />`;
  });
}

interface PageState {
  readonly status: StatusResponse;
  /** Epoch ms of the newest data. */
  readonly updatedAt: number;
  readonly connection: Connection;
  /** Filter and layout; the plain view until mounted, so hydration matches the server's markup. */
  readonly view: PageView;
  readonly extras: LiveExtras;
}

/**
 * The status page: banner, window switch, one row per target. Its header and footer come from the
 * config alone, like the document's title: render-page.ts writes them outside the hydrated root.
 */
export class StatusPage extends Component<StatusPageProps, PageState> {
  disconnect: (() => void) | undefined;

  constructor(props: StatusPageProps) {
    super(props);
    const { initial } = props;
    this.state = {
      status: initial,
      updatedAt: Date.parse(initial.generated_at),
      connection: 'live',
      view: defaultView,
      extras: props.extras ?? noExtras,
    };
  }

  override componentDidMount(): void {
    const view = readView(location.search);
    if (writeView(view)) this.setState({ view });
    const now = this.props.now ?? Date.now;
    this.disconnect = this.props.connect?.({
      onTargets: (targets) =>
        this.setState((current) => ({ status: applyTargets(current.status, targets), updatedAt: now() })),
      onStatus: (status) => this.setState({ status, updatedAt: Date.parse(status.generated_at) }),
      onIncidents: (incidents) => this.setState((current) => ({ extras: { ...current.extras, incidents } })),
      onConnection: (connection) => connection !== this.state.connection && this.setState({ connection }),
    });
  }

  override componentWillUnmount(): void {
    this.disconnect?.();
  }

  /** Shows another view and keeps it in the URL (replacing the entry: typing is not history). */
  changeView = (view: PageView) => {
    this.setState({ view });
    if (view.compact === false && isPartial(this.state.status))
      this.props.loadStatus?.().then(
        (status) => this.setState({ status, updatedAt: Date.parse(status.generated_at) }),
        () => {}, // the rows stay compact; the next poll or resync may bring it
      );
    history.replaceState(history.state, '', `${location.pathname}${writeView(view)}${location.hash}`);
  };

  override render(
    { loadProbes, loadIncidents, now = Date.now }: StatusPageProps,
    { status, updatedAt, connection, view, extras }: PageState,
  ) {
    // a first screen has no cards' data: compact rows until the whole snapshot arrives
    const compact = isCompact(view, status.targets.length) || isPartial(status);
    const sections = renderSections(status.targets, view, {
      compact,
      loadProbes,
      loadIncidents,
      incidents: extras.incidents,
    });
    return html`
      <main>
        <${OverallBanner} overall=${status.overall} targets=${status.targets} />
        <div class="toolbar">
          <${RangeSwitch} />
          <${UpdatedAt} at=${updatedAt} now=${now} />
        </div>
        <${ViewControls} view=${view} compact=${compact} onChange=${this.changeView} />
        <section aria-labelledby="services">
          <h2 id="services" class="visually-hidden">Services</h2>
          <ul class=${compact ? 'targets compact-rows' : 'targets'}>
            ${sections}
          </ul>
          ${sections.every((section) => !section) ? html`<p class="muted">No targets match.</p>` : null}
        </section>
        <${IncidentList} incidents=${extras.incidents} />
        <p class=${`notice notice-${connection}`} role="status">${notices[connection]}</p>
        <${BarPopover} />
      </main>
    `;
  }
}
