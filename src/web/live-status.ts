import type { StatusResponse, TargetStatus } from '../status/wire-types.ts';
import type { RecentIncident } from '../status/recent-incident.ts';

/** What the live feed tells the page. */
export interface LiveHandlers {
  /** One target changed (an SSE `target` event). */
  onTarget(target: TargetStatus): void;
  /** The recent incidents changed (an SSE `incidents` event: one opened, worsened or closed). */
  onIncidents(incidents: RecentIncident[]): void;
  /** A whole snapshot arrived (a poll, or the resync after a reconnect). */
  onStatus(status: StatusResponse): void;
  /** Whether the server can be reached right now; false shows the "stale" notice. */
  onConnection(connected: boolean): void;
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
  fetchStatus?: () => Promise<StatusResponse>;
  every?: (ms: number, run: () => void) => () => void;
}

// EventSource retries on its own (about every 3 s); three failures in a row without an `open`
// means the stream is not coming back soon, so polling takes over.
const failuresBeforePolling = 3;
const pollMs = 30_000;
// After polling succeeds, try the stream again after 1, 2, 4 ... polls, at most 10 (5 minutes).
const maxPollsBeforeRetry = 10;
const closedState = 2; // EventSource.CLOSED

/**
 * Follows `/api/events` and reports targets as they change. When the stream keeps failing it
 * polls `/api/status` every 30 s instead, and retries the stream once polling works again.
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

  const resync = () => fetchStatus().then(handlers.onStatus, () => {});

  function openStream(): void {
    const stream = openEvents('/api/events');
    source = stream;
    stream.addEventListener('open', () => {
      // events sent while we were away are lost: one snapshot catches up
      if (failures > 0) void resync();
      failures = 0;
      handlers.onConnection(true);
    });
    stream.addEventListener('target', (event) => {
      // a healthy stream earns the quick retry back
      pollsBeforeRetry = 1;
      handlers.onTarget(JSON.parse(event.data) as TargetStatus);
    });
    stream.addEventListener('incidents', (event) =>
      handlers.onIncidents(JSON.parse(event.data) as RecentIncident[]),
    );
    stream.addEventListener('error', () => {
      if (source !== stream) return;
      failures += 1;
      handlers.onConnection(false);
      if (failures >= failuresBeforePolling || stream.readyState === closedState) startPolling();
    });
  }

  async function poll(): Promise<void> {
    let status: StatusResponse;
    try {
      status = await fetchStatus();
    } catch {
      if (!stopped) handlers.onConnection(false);
      return;
    }
    if (stopped) return;
    handlers.onStatus(status);
    handlers.onConnection(true);
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

async function fetchStatusOverHttp(): Promise<StatusResponse> {
  const response = await fetch('/api/status');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as StatusResponse;
}
