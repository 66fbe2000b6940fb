import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Cron } from 'croner';
import type { Config } from './config/config.ts';
import type { Logger } from './log.ts';
import type { PublicFiles } from './packaged/public-files.ts';
import { startAlerts } from './alerts/start-alerts.ts';
import { createApp } from './api/app.ts';
import { backoffDelayMs, type Backoff } from './backoff.ts';
import { createEventHub } from './api/event-hub.ts';
import { renderMetrics } from './api/metrics.ts';
import { createProbeEvents } from './probe-event.ts';
import { createStateChangeRecorder } from './incidents/record-state-changes.ts';
import { createRecentIncidents } from './incidents/recent-incidents.ts';
import { createCurrentMaintenance } from './maintenance/current-maintenance.ts';
import { describeMaintenance } from './maintenance/page-maintenance.ts';
import { renderAtomFeed } from './feed/render-feed.ts';
import { startProbeWorker } from './probe-worker/start-probe-worker.ts';
import { createProbeRecorder } from './record-probe-event.ts';
import { createConfigReloader } from './reload/config-reloader.ts';
import { createSchedulerApplier } from './reload/scheduler-applier.ts';
import { createSqliteStore } from './store/sqlite-store.ts';
import { createRecentSignals } from './store/recent-signals.ts';
import { rowBudget, tutorialLimit } from './api/signals-query.ts';
import type { Store } from './store/store.ts';
import { measureDataFiles } from './store/data-file-size.ts';
import { trackWrites } from './store/track-writes.ts';
import { createStatusSummary } from './summary/status-summary.ts';
import { describeTargetUpdate } from './status/target-update.ts';
import { renderIndexHtml, contentSecurityPolicy } from './web/render-page.ts';
import { waitAtMost } from './wait-at-most.ts';

const dayMs = 86_400_000;
// SIGTERM must end the process within 5 s (container runtimes kill at 10 s): probes get 2 s to
// finish, the store what is left.
const probeGraceMs = 2_000;
const storeGraceMs = 2_000;
const warmWaitMs = 3_000;
// Connections the kernel holds for us while the main thread is busy. Node's default (511) filled
// up when thousands of viewers refused a live stream all polled /api/status (bench crowd-10k): the
// kernel then dropped handshakes and some clients got ECONNRESET. Linux caps it at somaxconn.
const acceptBacklog = 4_096;
const warmRetry: Backoff = { baseMs: 1_000, capMs: 30_000 };

/** A running upbeat: where it listens, how to reload its config and how to stop it. */
export interface RunningUpbeat {
  readonly url: string;
  /** Reads the config again and applies what changed; false when it was invalid (kept as it was). */
  reload(trigger: string): boolean;
  stop(): Promise<void>;
}

/** Wires config to store, scheduler, summary and HTTP server, and opens the port. */
export async function startUpbeat(
  config: Config,
  log: Logger,
  options: {
    publicFiles: PublicFiles;
    /** Reads and validates the config again, as at start (default: the start-up config, unchanged). */
    loadConfig?: () => { config: Config } | { errors: string[] };
  },
): Promise<RunningUpbeat> {
  mkdirSync(config.dataDir, { recursive: true });
  const databaseFile = join(config.dataDir, 'upbeat.db');
  // The QuestDB client code and `postgres` load only when QuestDB is the store: an SQLite-only
  // start does not pay for them in time or memory (the bundle keeps a dynamic import lazy).
  const questDbStore = config.questdb
    ? (await import('./store/questdb/questdb-store.ts')).createQuestDbStore({
        questdb: config.questdb,
        region: config.region,
        retentionDays: config.retentionDays,
        outboxFile: databaseFile,
        log,
      })
    : undefined;
  const summary = createStatusSummary({ config });
  const store: Store = trackWrites(questDbStore ?? createSqliteStore({ file: databaseFile, log }), {
    log,
    onRecordingChange: summary.setRecording,
  });
  // History before this instant comes from the store, everything after from the probes.
  const startedAt = Date.now();
  const warmed = warmSummary(() => summary.warm(store, startedAt), log);
  // Only the SQLite file is this process's alone: a QuestDB table may hold other instances' rows.
  const recentSignals = questDbStore
    ? undefined
    : // what the tutorial's client asks (limit=60) is served from memory; a longer limit reads the
      // store: 300 a target at 100 targets cost 10 MB of heap and 100 ms of start-up
      createRecentSignals({
        budget: rowBudget,
        expectedTargets: config.targets.length,
        perTarget: tutorialLimit,
      });
  // a failed warm-up leaves it cold: /api/signals then reads the store, as without it
  const recentWarmed = recentSignals
    ?.warm(store)
    .catch((error: unknown) =>
      log.error(
        { err: (error as Error).message },
        'recent signals: warm-up failed; /api/signals reads the store',
      ),
    );
  // SQLite answers in milliseconds; a QuestDB that is still starting must not hold up the page.
  // (waitAtMost's timer is ref-ed: until the port opens it is all that keeps the process alive)
  await waitAtMost(warmed, warmWaitMs);
  await recentWarmed;

  const alerts = startAlerts({
    channels: config.notifications,
    targets: config.targets,
    ...(config.pageUrl === undefined ? {} : { pageUrl: config.pageUrl }),
    file: databaseFile,
    log,
  });
  const hub = createEventHub({
    describe: (names) =>
      JSON.stringify({
        targets: names.flatMap((name) => {
          const status = summary.targetStatus(name);
          return status ? [describeTargetUpdate(status)] : [];
        }),
      }),
    intervalMs: config.live.intervalMs,
    heartbeatMs: config.live.heartbeatMs,
    maxStreams: config.live.maxStreams,
  });
  const probeEvents = createProbeEvents(log);
  probeEvents.subscribe('summary', ({ signal, detail }) => summary.record(signal, detail ?? undefined));
  // a set insert: the hub builds and sends one update per interval, however many watch; a state
  // change goes out promptly (an open page sees it within 2 s)
  probeEvents.subscribe('live page', ({ signal, transition }) =>
    transition ? hub.markStateChanged(signal.target) : hub.markChanged(signal.target),
  );
  probeEvents.subscribe('alerts', alerts.onProbeEvent);
  // The windows of the running config, for the page and the feed (the probe worker, which judges
  // each probe, holds its own copy); a reload replaces them.
  const maintenance = createCurrentMaintenance(config.maintenance ?? []);
  const recentIncidents = createRecentIncidents({ store, region: config.region, log });
  void recentIncidents.load();
  const recorder = createStateChangeRecorder({
    store,
    log,
    onChange: (change) => {
      recentIncidents.add(change);
      if (hub.size > 0) hub.send('incidents', JSON.stringify(recentIncidents.list()));
    },
  });
  // a refused append is logged once per outage by trackWrites, not once per transition here
  probeEvents.subscribe('incidents', (event) => void recorder.receive(event).catch(() => {}));
  const probeRecorder = createProbeRecorder({
    store,
    publish: probeEvents.publish,
    ...(recentSignals ? { onStored: recentSignals.add } : {}),
  });
  // The schedule runs on its own thread, so no request served here can delay a probe; it starts
  // after the summary's warm-up, whose states the thresholds resume from.
  const probeWorker = startProbeWorker({
    targets: config.targets,
    initialState: summary.lastState,
    region: config.region,
    maxConcurrent: config.maxConcurrentProbes,
    maintenance: config.maintenance ?? [],
    logLevel: config.logLevel,
    record: probeRecorder.record,
    log,
  });

  const reloader = createConfigReloader({
    initial: config,
    load: options.loadConfig ?? (() => ({ config })),
    appliers: [
      createSchedulerApplier(probeWorker, probeWorker),
      { name: 'status summary', apply: ({ next }) => summary.reconfigure(next) },
      {
        name: 'alerts',
        apply: ({ next }) => {
          alerts.followTargets(next.targets);
          alerts.followPageUrl(next.pageUrl);
        },
      },
      {
        name: 'maintenance',
        apply: ({ next, diff }) => {
          if (!diff.settingKeys.includes('maintenance')) return;
          maintenance.replace(next.maintenance ?? []);
          probeWorker.followMaintenance(next.maintenance ?? []);
        },
      },
    ],
    log,
  });

  const assets = readAssetManifest(options.publicFiles);
  const app = createApp({
    get targets() {
      return reloader.current().targets;
    },
    get publicUrls() {
      return reloader.current().publicUrls;
    },
    retentionDays: config.retentionDays,
    store,
    ...(recentSignals ? { recentSignals } : {}),
    summary,
    hub,
    publicFiles: options.publicFiles,
    page: {
      render: (status, extras) => renderIndexHtml({ status, extras, assets }),
      get csp() {
        return contentSecurityPolicy({ logoUrl: reloader.current().logoUrl });
      },
    },
    pageExtras: {
      // both only ever grow, so their sum changes whenever either does
      version: () => recentIncidents.version() + maintenance.version(),
      read: () => ({
        incidents: recentIncidents.list(),
        maintenance: describeMaintenance(maintenance.schedule(), Date.now()),
      }),
    },
    feed: () => {
      const now = Date.now();
      const { title, pageUrl, announcements } = reloader.current();
      return renderAtomFeed({
        title,
        ...(pageUrl ? { pageUrl } : {}),
        region: config.region,
        incidents: recentIncidents.list(),
        // the last two weeks' windows and those of the coming week
        maintenance: maintenance.schedule().periodsBetween(now - 14 * dayMs, now + 7 * dayMs),
        announcements: announcements ?? [],
      });
    },
    readiness: store.readiness,
    cache: config.cache,
    metrics: async () =>
      renderMetrics({
        scheduler: await probeWorker.stats(),
        runner: probeRecorder.stats(),
        probeWorkerRestarts: probeWorker.restarts,
        targets: summary.gauges(),
        sseClients: hub.size,
        sse: hub.stats(),
        ready: store.readiness().ready,
        outboxPendingRows: questDbStore?.pendingRows(),
        alerts: alerts.stats(),
        lastReload: reloader.stats(),
        dataFiles: measureDataFiles(databaseFile),
      }),
    log,
  });

  // plain HTTP/1.1 (no createServer option given), so Node's http.Server methods are there
  const server = createAdaptorServer({ fetch: app.fetch, hostname: config.host }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
    server.listen({ port: config.port, host: config.host, backlog: acceptBacklog });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  // Retention where the store has no TTL of its own: prune once an hour, at a minute past, off
  // the probes' busiest second.
  const { prune } = store;
  const retention =
    prune &&
    new Cron('0 1 * * * *', { catch: true, unref: true }, async () => {
      const before = Date.now() - config.retentionDays * dayMs;
      const removed = await prune(before);
      recentSignals?.forget(before);
      if (removed > 0) log.info({ removed, retentionDays: config.retentionDays }, 'pruned old signals');
    });

  log.info(
    {
      url,
      targets: config.targets.length,
      store: config.questdb
        ? `questdb (${config.questdb.table}), outbox ${databaseFile}`
        : `sqlite ${databaseFile}`,
      region: config.region,
    },
    'listening',
  );

  return {
    url,
    reload: reloader.reload,
    async stop() {
      retention?.stop();
      const { abandoned } = await probeWorker.stop(probeGraceMs);
      if (abandoned > 0) log.warn({ abandoned }, 'stopped with probes still in flight');
      hub.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 500).unref();
      await Promise.all([
        closed,
        waitAtMost(store.close(), storeGraceMs),
        waitAtMost(alerts.stop(), storeGraceMs),
      ]);
    },
  };
}

/** The hashed file names build.mjs wrote; without them there is no page to serve. */
function readAssetManifest(publicFiles: PublicFiles): { script: string; style: string } {
  const manifest = publicFiles.read('assets/manifest.json');
  if (!manifest)
    throw new Error(
      'the status page is not built (public/assets/manifest.json is missing): run "npm run build"',
    );
  return JSON.parse(Buffer.from(manifest).toString('utf8')) as { script: string; style: string };
}

/** Retries warming the summary with capped backoff until the store answers (QuestDB may start late). */
async function warmSummary(warm: () => Promise<void>, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await warm();
      return;
    } catch (error) {
      const retryInMs = backoffDelayMs(attempt, warmRetry);
      log.warn(
        { err: error instanceof Error ? error.message : String(error), retryInMs },
        'could not read history for the status summary yet',
      );
      await new Promise((resolve) => setTimeout(resolve, retryInMs).unref());
    }
  }
}
