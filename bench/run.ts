/**
 * `npm run bench`: builds if stale, runs the probing scenarios and the `/api/status` throughput runs
 * against the real bundle on loopback, then the ILP and page benchmarks, prints one table per part
 * and the aims, and writes everything to bench/results/latest.json.
 *
 *   npm run bench                         everything (about 10 minutes)
 *   npm run bench -- --only=quiet-100,api  a subset, by id (quiet-100 loaded-100 signals-100 uptime-100 1000
 *                                         1000-regex 20000 status-20000 api signals alerts ilp page crowd crowd-10k)
 *   npm run bench -- --only=crowd --crowd-streams=2000   the crowd scenario with another stream count
 *   npm run bench -- --cpu-prof            also profile upbeat in each probing scenario and summarize
 *                                         (written to latest-cpu-prof.json, profiles under cpu-profiles/)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeAims } from './aims.ts';
import { formatAlertStorm, runAlertStorm, type AlertStormResult } from './alert-storm.ts';
import { runApiThroughput, type ApiThroughputResult } from './api-throughput.ts';
import { formatAimsTable, formatApiTable, formatProbeTable } from './format-report.ts';
import { benchIlp } from './ilp.ts';
import { formatCrowdResult } from './format-crowd.ts';
import { runCrowdScenario, type CrowdResult, type CrowdScenario } from './crowd-scenario.ts';
import { formatSignalsBudgetTable, runSignalsBudget, type SignalsBudgetResult } from './signals-budget.ts';
import { benchPageBytes } from './page-bytes.ts';
import { formatStatusPoller, runStatusPoller, type StatusPollerResult } from './status-poller-scenario.ts';
import { runProbeScenario, type ProbeScenario, type ProbeScenarioResult } from './probe-scenario.ts';
import {
  formatCpuProfileSummary,
  summarizeCpuProfile,
  type CpuProfileSummary,
} from './summarize-cpu-profile.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const resultsDir = join(root, 'bench', 'results');
const bundle = join(root, 'dist', 'upbeat.mjs');
const browserLike = { 'accept-encoding': 'gzip, deflate, br' }; // what a browser polling the page sends
const apiConnections = 10; // autocannon's default, so figures compare with the usual quick test
const historyConnections = 50; // the wrk -c50 against /api/signals
const profileTop = 15; // functions and modules listed per profile
const overallDeadlineMs = 20 * 60_000; // twice the planned run: past this something hangs

// Windows of 60 s: three cycles at 20 s, six at 10 s, one at 60 s. Each scenario first waits out
// its first interval, so the 20,000-target one takes about two minutes.
const scenarios: readonly ProbeScenario[] = [
  { id: 'quiet-100', label: '100 @ 20s', targets: 100, intervalSeconds: 20, windowSeconds: 60, seed: true },
  {
    id: 'loaded-100',
    label: '100 @ 20s, API under load',
    targets: 100,
    intervalSeconds: 20,
    windowSeconds: 60,
    seed: true,
    apiLoad: { connections: apiConnections, headers: browserLike },
  },
  // History reads under the same load (issue 12): the tutorial's request, and a month of daily
  // uptime for every target (rollups plus the raw edge hours). The tutorial's request asks as a
  // browser does: answered from memory, its body is cached compressed (31 KB of brotli instead of
  // 1.7 MB of JSON), with a Content-Length the load generator needs. The uptime answer is
  // compressed per request, as a stream without one: asked uncompressed.
  {
    id: 'signals-100',
    label: '100 @ 20s, /api/signals?limit=60 under load',
    targets: 100,
    intervalSeconds: 20,
    windowSeconds: 60,
    seed: true,
    apiLoad: { connections: historyConnections, headers: browserLike, path: '/api/signals?limit=60' },
  },
  {
    id: 'uptime-100',
    label: '100 @ 20s, /api/uptime?step=day under load',
    targets: 100,
    intervalSeconds: 20,
    windowSeconds: 60,
    seed: true,
    apiLoad: { connections: historyConnections, headers: {}, path: '/api/uptime?step=day' },
  },
  { id: '1000', label: '1,000 @ 10s', targets: 1_000, intervalSeconds: 10, windowSeconds: 60, seed: false },
  {
    id: '1000-regex',
    label: '1,000 @ 10s + a 300 ms pattern every 1s',
    targets: 1_000,
    intervalSeconds: 10,
    windowSeconds: 60,
    seed: false,
    regexTarget: true,
  },
  {
    id: '20000',
    label: '20,000 @ 60s',
    targets: 20_000,
    intervalSeconds: 60,
    windowSeconds: 60,
    seed: false,
  },
];

const args = process.argv.slice(2);
const only = args
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const profile = args.includes('--cpu-prof');
const crowdStreams = Number(
  args.find((arg) => arg.startsWith('--crowd-streams='))?.slice('--crowd-streams='.length) ?? 5_000,
);
// the figures: 5,000 viewers held, then 10,000 with the cap (default 5,000) engaging
const crowdScenarios: readonly CrowdScenario[] = [
  { id: 'crowd', streams: crowdStreams },
  { id: 'crowd-10k', streams: 10_000 },
];
// the page's poller at the size where one /api/status body is ~35 MB of JSON
const statusPoller = {
  id: 'status-20000',
  targets: 20_000,
  intervalSeconds: 60,
  pollSeconds: 60,
  wrkSeconds: 30,
};
const knownIds = [
  ...scenarios.map((s) => s.id),
  statusPoller.id,
  ...crowdScenarios.map((s) => s.id),
  'api',
  'signals',
  'alerts',
  'ilp',
  'page',
];
const unknown = only?.filter((id) => !knownIds.includes(id)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown id(s) ${unknown.join(', ')}; known: ${knownIds.join(' ')}\n`);
  process.exit(2);
}
const selected = (id: string) => !only || only.includes(id);
const printed: string[] = [];
const print = (line = '') => {
  printed.push(line);
  console.log(line);
};
const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

const watchdog = setTimeout(() => {
  progress(`gave up after ${overallDeadlineMs / 60_000} minutes`);
  process.exit(1);
}, overallDeadlineMs);
watchdog.unref();

execFileSync(process.execPath, [join(root, 'build.mjs'), '--if-stale'], { stdio: 'inherit' });
mkdirSync(resultsDir, { recursive: true });
const startedAt = new Date();
const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  node: process.version,
  kernel: release(),
  loadAverageAtStart: loadavg(),
};

const probeResults: ProbeScenarioResult[] = [];
const failures: { id: string; error: string }[] = [];
const profiles: Record<string, CpuProfileSummary> = {};
for (const scenario of scenarios.filter((s) => selected(s.id))) {
  const waitSeconds = scenario.intervalSeconds + scenario.windowSeconds;
  progress(`${scenario.label}: about ${waitSeconds} s`);
  const profileDir = join(resultsDir, 'cpu-profiles', scenario.id);
  if (profile) rmSync(profileDir, { recursive: true, force: true });
  try {
    const result = await runProbeScenario(
      scenario,
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    probeResults.push(result);
    progress(
      `${scenario.label}: ${result.probesPerSecond.toFixed(1)} probes/s, lateness p99 ${result.lateness.p99} ms, ` +
        `${result.cpu.percentOfCore.toFixed(1)} % CPU, ${result.peakRssMb.toFixed(0)} MB`,
    );
    if (profile) {
      const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
      if (file) profiles[scenario.id] = summarizeCpuProfile(join(profileDir, file), bundle, profileTop);
    }
  } catch (error) {
    failures.push({ id: scenario.id, error: describe(error) });
    progress(`${scenario.label}: FAILED: ${describe(error)}`);
  }
}

let apiResults: ApiThroughputResult[] = [];
if (selected('api')) {
  progress('/api/status throughput: about 60 s');
  try {
    apiResults = await runApiThroughput({
      targets: 100,
      intervalSeconds: 20,
      connections: apiConnections,
      warmupMs: 3_000,
      durationMs: 10_000,
    });
  } catch (error) {
    failures.push({ id: 'api', error: describe(error) });
    progress(`/api/status throughput: FAILED: ${describe(error)}`);
  }
}

let statusPollerResult: StatusPollerResult | undefined;
if (selected(statusPoller.id)) {
  progress('/api/status polled at 20,000 targets: about 3 minutes');
  try {
    const profileDir = join(resultsDir, 'cpu-profiles', statusPoller.id);
    if (profile) rmSync(profileDir, { recursive: true, force: true });
    statusPollerResult = await runStatusPoller(
      statusPoller,
      profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    const file = profile && readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
    if (file) profiles[statusPoller.id] = summarizeCpuProfile(join(profileDir, file), bundle, profileTop);
  } catch (error) {
    failures.push({ id: statusPoller.id, error: describe(error) });
    progress(`/api/status polled at 20,000 targets: FAILED: ${describe(error)}`);
  }
}

const crowdResults: CrowdResult[] = [];
for (const scenario of crowdScenarios.filter((s) => selected(s.id))) {
  progress(`crowd of ${scenario.streams} streams: about ${Math.ceil(scenario.streams / 1000) + 50} s`);
  try {
    crowdResults.push(await runCrowdScenario(scenario));
  } catch (error) {
    failures.push({ id: scenario.id, error: describe(error) });
    progress(`crowd ${scenario.id}: FAILED: ${describe(error)}`);
  }
}

let signalsBudget: SignalsBudgetResult[] = [];
if (selected('signals')) {
  progress('/api/signals budget: seeding 1,000,000 signals, then three requests: about 60 s');
  try {
    signalsBudget = await runSignalsBudget();
  } catch (error) {
    failures.push({ id: 'signals', error: describe(error) });
    progress(`/api/signals budget: FAILED: ${describe(error)}`);
  }
}

let alertStorm: AlertStormResult | undefined;
if (selected('alerts')) {
  progress('alert storm: 1,000 targets down then up, three channels: about 2 minutes');
  try {
    alertStorm = await runAlertStorm();
  } catch (error) {
    failures.push({ id: 'alerts', error: describe(error) });
    progress(`alert storm: FAILED: ${describe(error)}`);
  }
}

let ilp: Record<string, number> | { error: string } | undefined;
if (selected('ilp')) {
  progress('ILP and outbox (bench/ilp.ts)');
  ilp = await benchIlp().catch((error: unknown) => ({ error: describe(error) }));
}
const pageLines: string[] = [];
let page: Awaited<ReturnType<typeof benchPageBytes>> | { error: string } | undefined;
if (selected('page')) {
  progress('page bytes (bench/page-bytes.ts)');
  page = await benchPageBytes((line) => pageLines.push(line)).catch((error: unknown) => ({
    error: describe(error),
  }));
}

print(`upbeat bench, ${startedAt.toISOString()}: ${machine.cores} x ${machine.cpu}, Node ${machine.node}`);
print();
if (probeResults.length > 0) {
  print('Probing (upbeat probes loopback targets; a 60 s window after the first interval)');
  for (const line of formatProbeTable(probeResults)) print(line);
  print();
}
if (signalsBudget.length > 0) {
  for (const line of formatSignalsBudgetTable(signalsBudget)) print(line);
  print();
}
if (apiResults.length > 0) {
  for (const line of formatApiTable(apiResults)) print(line);
  print();
}
if (statusPollerResult) {
  for (const line of formatStatusPoller(statusPollerResult)) print(line);
  print();
}
for (const result of crowdResults) {
  for (const line of formatCrowdResult(result)) print(line);
  print();
}
if (alertStorm) {
  for (const line of formatAlertStorm(alertStorm)) print(line);
  print();
}
const aims = judgeAims(probeResults, apiResults);
if (aims.length > 0) {
  print('Aims');
  for (const line of formatAimsTable(aims)) print(line);
  print();
}
for (const [id, summary] of Object.entries(profiles)) {
  print(
    `CPU profile of upbeat, ${scenarios.find((s) => s.id === id)?.label ?? id} (whole run; profiling slows it):`,
  );
  for (const line of formatCpuProfileSummary(summary)) print(line);
  print();
}
if (ilp) {
  print('ILP (bench/ilp.ts)');
  if ('error' in ilp) print(`  not runnable: ${ilp.error}`);
  else for (const [name, value] of Object.entries(ilp)) print(`  ${name}: ${value}`);
  print();
}
if (page) {
  print('Page (bench/page-bytes.ts)');
  if ('error' in page) print(`  not runnable: ${page.error}`);
  else for (const line of pageLines) print(line);
  print();
}
for (const failure of failures) print(`FAILED ${failure.id}: ${failure.error}`);

// a profiled run is slower by design: keep it apart from the figures to quote
const file = join(resultsDir, profile ? 'latest-cpu-prof.json' : 'latest.json');
writeFileSync(
  file,
  `${JSON.stringify({ startedAt, finishedAt: new Date(), machine, scenarios: probeResults, api: apiResults, statusPoller: statusPollerResult, crowd: crowdResults, signalsBudget, alertStorm, aims, profiles, ilp, page, failures, printed }, null, 2)}\n`,
);
progress(`wrote ${file}`);
process.exitCode = failures.length > 0 ? 1 : 0;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch hides the reason (ECONNREFUSED...) in `cause`
  return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
}
