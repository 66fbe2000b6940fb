import type { StatusResponse } from '../status/wire-types.ts';
import type { TargetUpdate } from '../status/target-update.ts';
import type { RecentIncident } from '../status/recent-incident.ts';

/** How the page is getting its data: `offline` shows the "stale" notice, `polling` a calm one. */
export type Connection = 'live' | 'polling' | 'offline';

/** The data of an SSE `targets` event: every target that changed since the previous one. */
export interface TargetsEvent {
  targets: TargetUpdate[];
}

/** What the live feed tells the page. */
export interface LiveHandlers {
  /** Some targets changed (an SSE `targets` event). */
  onTargets(targets: TargetUpdate[]): void;
  /** The recent incidents changed (an SSE `incidents` event: one opened, worsened or closed). */
  onIncidents(incidents: RecentIncident[]): void;
  /** A whole snapshot arrived (a poll, or the resync after a reconnect). */
  onStatus(status: StatusResponse): void;
  onConnection(connection: Connection): void;
}

/** The part of EventSource the feed uses, so tests can hand in their own. */
export interface EventSourceLike {
  readonly readyState: number;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** Where the feed's I/O comes from; the defaults are the browser's. */
export interface LiveDependencies {
  openEvents?: (url: string) => EventSourceLike;
  /** `/api/status` with `If-None-Match: etag`; undefined when it has not changed (a 304). */
  fetchStatus?: (etag: string | undefined) => Promise<{ status: StatusResponse; etag?: string } | undefined>;
  every?: (ms: number, run: () => void) => () => void;
}

// EventSource retries on its own (about every 3 s); three failures in a row without an `open`
// means the stream is not coming back soon, so polling takes over.
const failuresBeforePolling = 3;
// 10,000 pages polling cost 667 cheap 304s a second, which a proxy can also absorb
const pollMs = 15_000;
// After polling succeeds, try the stream again after 1, 2, 4 ... polls, at most 10 (5 minutes).
const maxPollsBeforeRetry = 10;
const closedState = 2; // EventSource.CLOSED

/**
 * Follows `/api/events` and reports targets as they change. When the server refuses the stream
 * (503 at its cap of viewers: EventSource gives up at once) or the stream keeps failing, it polls
 * `/api/status` every 15 s instead (304 when nothing changed), and retries the stream now and then.
 * Returns the function that stops everything.
 */
export function connectLiveStatus(handlers: LiveHandlers, dependencies: LiveDependencies = {}): () => void {
  const openEvents = dependencies.openEvents ?? ((url) => new EventSource(url));
  const fetchStatus = dependencies.fetchStatus ?? fetchStatusOverHttp;
  const every =
    dependencies.every ??
    ((ms, run) => {
      const timer = setInterval(run, ms);
      return () => clearInterval(timer);
    });

  let source: EventSourceLike | undefined;
  let failures = 0;
  let stopPolling: (() => void) | undefined;
  let pollsBeforeRetry = 1;
  let pollsDone = 0;
  let stopped = false;
  let etag: string | undefined;

  /** The newest status, or undefined when the one the page has is still current. */
  async function fetchChanged(): Promise<StatusResponse | undefined> {
    const answer = await fetchStatus(etag);
    if (!answer) return undefined;
    etag = answer.etag;
    return answer.status;
  }

  const resync = () =>
    fetchChanged().then(
      (status) => status && handlers.onStatus(status),
      () => {},
    );

  function openStream(): void {
    const stream = openEvents('/api/events');
    source = stream;
    stream.addEventListener('open', () => {
      // events sent while we were away are lost: one snapshot catches up
      if (failures > 0) void resync();
      failures = 0;
      handlers.onConnection('live');
    });
    stream.addEventListener('targets', (event) => {
      // a healthy stream earns the quick retry back
      pollsBeforeRetry = 1;
      handlers.onTargets((JSON.parse(event.data) as TargetsEvent).targets);
    });
    stream.addEventListener('incidents', (event) =>
      handlers.onIncidents(JSON.parse(event.data) as RecentIncident[]),
    );
    stream.addEventListener('error', () => {
      if (source !== stream) return;
      // refused (a 503 when too many watch): nothing is wrong, the page just polls
      if (stream.readyState === closedState) return startPolling();
      failures += 1;
      handlers.onConnection('offline');
      if (failures >= failuresBeforePolling) startPolling();
    });
  }

  async function poll(): Promise<void> {
    let status: StatusResponse | undefined;
    try {
      status = await fetchChanged();
    } catch {
      if (!stopped) handlers.onConnection('offline');
      return;
    }
    if (stopped) return;
    if (status) handlers.onStatus(status);
    handlers.onConnection('polling');
    pollsDone += 1;
    if (stopPolling && pollsDone >= pollsBeforeRetry) {
      pollsBeforeRetry = Math.min(pollsBeforeRetry * 2, maxPollsBeforeRetry);
      stopPolling();
      stopPolling = undefined;
      failures = 0;
      openStream();
    }
  }

  function startPolling(): void {
    source?.close();
    source = undefined;
    pollsDone = 0;
    stopPolling = every(pollMs, () => void poll());
    void poll();
  }

  openStream();
  return () => {
    stopped = true;
    source?.close();
    source = undefined;
    stopPolling?.();
    stopPolling = undefined;
  };
}

async function fetchStatusOverHttp(
  etag: string | undefined,
): Promise<{ status: StatusResponse; etag?: string } | undefined> {
  // no-store: the browser's cache would turn a 304 into a 200 and have us parse it again
  const response = await fetch('/api/status', {
    cache: 'no-store',
    headers: etag ? { 'If-None-Match': etag } : {},
  });
  if (response.status === 304) return undefined;
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const status = (await response.json()) as StatusResponse;
  return { status, ...(response.headers.get('ETag') ? { etag: response.headers.get('ETag')! } : {}) };
}
