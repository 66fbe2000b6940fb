import type { Config, Target } from '../config/config.ts';
import type { StatusResponse, TargetStatus } from '../status/wire-types.ts';
import { toSignalRecord } from '../status/signal-record.ts';
import type { Signal, State } from '../signal.ts';
import type { Store } from '../store/store.ts';
import { readExactRollups } from '../store/read-exact-rollups.ts';
import { computeOverall } from '../status/overall.ts';
import { dayMs, daysKept, hourMs, hoursKept, TargetHistory } from './target-history.ts';

const comma = Buffer.from(',');
const closing = Buffer.from(']}');
// ~60 µs each at 20,000 targets: ~30 ms of event loop per rebuild, all moved within a minute
const hourlyRefreshPerBuild = 500;
const warmWindowMs = 10 * 60_000; // 144 reads for a day; 200,000 rows each at 20,000 targets x 60 s

interface Entry {
  /** Replaced when a reload changes the target's definition; its history stays. */
  target: Target;
  readonly history: TargetHistory;
  last: Signal | null;
  /** From the newest probe that completed a TLS handshake (at start: the newest stored signal's). */
  certificateExpiresAt: number | undefined;
  /** The newest probe's failure detail; kept in memory only. */
  detail: string | undefined;
  /** Built on demand, dropped when a signal arrives, rebuilt when the hour turns. */
  cached: TargetStatus | undefined;
  /** The hour `cached` was built in: its 24 hourly buckets end there. */
  cachedHour: number;
  /** `cached` serialized as UTF-8, so a 20,000-target document re-encodes only what changed. */
  cachedBytes: Buffer | undefined;
}

/**
 * The status of every configured target, kept current in memory as signals arrive and warmed from
 * the store at start, so `/api/status` never queries the store per request.
 */
export function createStatusSummary(options: {
  /** `region`: whose history warms it, matching what `record` will see (this instance's probes). */
  config: Pick<Config, 'title' | 'description' | 'logoUrl' | 'targets' | 'region' | 'announcements'>;
  now?: () => number;
}) {
  const now = options.now ?? Date.now;
  let settings = options.config;
  let recording = true;
  const entries = new Map<string, Entry>(
    settings.targets.map((target) => [target.name, createEntry(target)]),
  );
  let version = 0;
  let cachedHour = -1;
  let snapshot: StatusResponse | undefined;
  let snapshotBytes: Buffer | undefined;

  /** Drops what was built from an entry's data, and the documents that contain it. */
  function forget(entry: Entry): void {
    entry.cached = undefined;
    entry.cachedBytes = undefined;
    snapshot = undefined;
    snapshotBytes = undefined;
  }

  /** The document's fields around `targets`, in the order StatusResponse lists them. */
  function header(at: number, targets: readonly { state: string }[]) {
    return {
      title: settings.title,
      description: settings.description ?? null,
      logo_url: settings.logoUrl ?? null,
      generated_at: new Date(at).toISOString(),
      overall: computeOverall(targets),
      announcements: settings.announcements ?? [],
      recording,
    };
  }

  function statusOf(entry: Entry, at: number): TargetStatus {
    if (entry.cached && entry.cachedHour === cachedHour) return entry.cached;
    entry.cachedBytes = undefined;
    entry.cachedHour = cachedHour;
    const hours = entry.history.hours(at);
    const days = entry.history.days(at);
    entry.cached = {
      name: entry.target.name,
      group: entry.target.group ?? null,
      url: entry.target.publicUrl,
      state: entry.last?.state ?? 'unknown',
      // a warmed row may predate redaction, and the operator may have hidden the URL since
      last: entry.last && toSignalRecord({ ...entry.last, url: entry.target.publicUrl }),
      uptime: entry.history.uptime(hours, days),
      latency: entry.history.latency(at),
      certificate_expires_at:
        entry.certificateExpiresAt === undefined ? null : new Date(entry.certificateExpiresAt).toISOString(),
      detail: entry.detail ?? null,
      hours,
      days,
    };
    return entry.cached;
  }

  /**
   * When the hour turns every series shifts: each target's status is rebuilt when next asked for
   * (`snapshotBytes` spreads that over several rebuilds), instead of all being dropped at once.
   */
  function rollHour(at: number): void {
    const hour = Math.floor(at / hourMs);
    if (hour === cachedHour) return;
    cachedHour = hour;
    snapshot = undefined;
    snapshotBytes = undefined;
    version += 1;
  }

  return {
    /**
     * Adds history from before `until` (24 hours of signals, 90 days of daily counts). Signals
     * from `until` on must come through `record`: the split keeps a warm that finishes late
     * (QuestDB still starting) from counting anything twice.
     */
    async warm(store: Store, until: number): Promise<void> {
      // Only this instance's region: a shared QuestDB table holds other instances' probes too, which
      // record() never sees, and thresholds resume from this instance's own newest state.
      const { region } = settings;
      const currentHour = Math.floor(until / hourMs) * hourMs;
      const firstHour = currentHour - (hoursKept - 1) * hourMs;
      const firstDay = (Math.floor(until / dayMs) - daysKept + 1) * dayMs;
      // A day of raw signals can be millions of rows (20,000 targets at 60 s: 28.8 M): read it a
      // window at a time so only the 2-byte latency codes stay, never the whole day as objects.
      // The current hour's signals count into their day here too: the rollups below stop before it.
      for (let from = firstHour; from < until; from += warmWindowMs) {
        const window = await store.readRange({ from, to: Math.min(from + warmWindowMs, until), region });
        for (const signal of window) {
          const history = entries.get(signal.target)?.history;
          if (signal.received >= currentHour) history?.record(signal);
          else history?.recordHour(signal);
        }
      }
      // Days from the hourly rollups, whole hours only: 90 days of 100 targets is 216,000 rows
      // there instead of 13 M signals.
      const [days, latest] = await Promise.all([
        readExactRollups(store, { from: firstDay, to: currentHour, step: 'day', region }),
        store.readSignals({ limit: 1, region }),
      ]);
      for (const day of days) {
        entries.get(day.target)?.history.addDay(day.start / dayMs, day.checks, day.up, day.latencySum);
      }
      for (const signal of latest) {
        const entry = entries.get(signal.target);
        if (entry && signal.received < until && !entry.last) {
          entry.last = signal;
          entry.certificateExpiresAt = signal.certificateExpiresAt ?? undefined;
        }
      }
      for (const entry of entries.values()) forget(entry);
      version += 1;
    },

    /**
     * Follows a reloaded config: the page's settings and the target list, in its new order. A kept
     * target keeps its history and newest signal; a removed one leaves the page (its history stays
     * in the store); an added one starts empty.
     */
    reconfigure(config: typeof settings): void {
      settings = config;
      const kept = new Map(entries);
      entries.clear();
      for (const target of config.targets) {
        const entry = kept.get(target.name) ?? createEntry(target);
        entry.target = target;
        forget(entry);
        entries.set(target.name, entry);
      }
      snapshot = undefined;
      snapshotBytes = undefined;
      version += 1;
    },

    /** Whether the store keeps new signals (trackWrites says when that changes). */
    setRecording(on: boolean): void {
      if (on === recording) return;
      recording = on;
      snapshot = undefined;
      snapshotBytes = undefined;
      version += 1;
    },

    /** Counts a new signal (of a configured target; others are ignored), with the detail of a failed check. */
    record(signal: Signal, detail?: string): void {
      const entry = entries.get(signal.target);
      if (!entry) return;
      entry.history.record(signal);
      if (!entry.last || signal.received >= entry.last.received) {
        entry.last = signal;
        if (signal.certificateExpiresAt !== null) entry.certificateExpiresAt = signal.certificateExpiresAt;
        entry.detail = detail;
      }
      forget(entry);
      version += 1;
    },

    /** One target's current status (what a live `target` event carries); built only when asked. */
    targetStatus(name: string): TargetStatus | undefined {
      const entry = entries.get(name);
      if (!entry) return undefined;
      const at = now();
      rollHour(at);
      return statusOf(entry, at);
    },

    /** The state stored with a target's newest signal, so thresholds resume across a restart. */
    lastState(name: string): State | 'unknown' {
      return entries.get(name)?.last?.state ?? 'unknown';
    },

    /** Changes whenever the snapshot would; cheap to compare (ETags, caches). */
    version(): number {
      rollHour(now());
      return version;
    },

    /** The whole `/api/status` document, rebuilt only for targets that changed. */
    snapshot(): StatusResponse {
      const at = now();
      rollHour(at);
      if (snapshot) return snapshot;
      const targets = [...entries.values()].map((entry) => statusOf(entry, at));
      snapshot = { ...header(at, targets), targets };
      return snapshot;
    },

    /**
     * `JSON.stringify(snapshot())` as UTF-8, assembled from per-target bytes kept until that target
     * changes: at 20,000 targets, serializing the whole 35 MB document each second blocked the
     * event loop for most of a second, and joining it as a string and encoding that to UTF-8 still
     * cost about 100 ms a rebuild; copying the kept bytes costs about a tenth of that.
     *
     * After the hour turns, at most `hourlyRefreshPerBuild` targets move to the new hour per call
     * (the others keep last hour's window until a later call or their next signal) and the version
     * moves on while any are behind, so the next rebuild takes the next share: rebuilding all
     * 20,000 at once stalled the event loop for over a second every hour.
     */
    snapshotBytes(): Buffer {
      const at = now();
      rollHour(at);
      if (snapshotBytes !== undefined) return snapshotBytes;
      const all = [...entries.values()];
      const states = all.map((entry) => ({ state: entry.last?.state ?? 'unknown' }));
      const head = JSON.stringify(header(at, states));
      const parts: Buffer[] = [Buffer.from(`${head.slice(0, -1)},"targets":[`)];
      let refreshes = 0;
      let behind = false;
      all.forEach((entry, index) => {
        if (index > 0) parts.push(comma);
        const lastHours = entry.cachedBytes !== undefined && entry.cachedHour !== cachedHour;
        if (lastHours && refreshes >= hourlyRefreshPerBuild) behind = true;
        else {
          if (lastHours) refreshes += 1;
          const status = statusOf(entry, at); // from last hour: rebuilt, and its bytes dropped
          entry.cachedBytes ??= Buffer.from(JSON.stringify(status));
        }
        parts.push(entry.cachedBytes!);
      });
      parts.push(closing);
      const bytes = Buffer.concat(parts);
      if (behind) version += 1;
      else snapshotBytes = bytes;
      return bytes;
    },

    /** Per target what /metrics exports, without building buckets or percentiles. */
    gauges(): { name: string; state: State | 'unknown'; certificateExpiresAt: number | undefined }[] {
      return [...entries.values()].map((entry) => ({
        name: entry.target.name,
        state: entry.last?.state ?? 'unknown',
        certificateExpiresAt: entry.certificateExpiresAt,
      }));
    },
  };
}

function createEntry(target: Target): Entry {
  return {
    target,
    history: new TargetHistory(),
    last: null,
    certificateExpiresAt: undefined,
    detail: undefined,
    cached: undefined,
    cachedHour: -1,
    cachedBytes: undefined,
  };
}

/** The in-memory status summary. */
export type StatusSummary = ReturnType<typeof createStatusSummary>;
