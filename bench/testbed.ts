/**
 * One bench setup: a target server process with `targets` paths, an upbeat process configured to
 * probe every one of them at a fixed interval, each in a fresh temporary directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { readEphemeralPortRange } from './proc-stats.ts';
import { seedHistory } from './seed-history.ts';
import { regexBodyPath, startTargetServer, type TargetServer } from './target-server.ts';
import { spawnUpbeat, type UpbeatProcess } from '../test/upbeat-process.ts';

/** A running target server and upbeat, and how to tear both down. */
export interface Testbed {
  readonly upbeat: UpbeatProcess;
  readonly targetServer: TargetServer;
  /** Loopback addresses the targets are spread over. */
  readonly hosts: readonly string[];
  /** Signals written to the store before upbeat started (0 without `seed`). */
  readonly seededSignals: number;
  close(): Promise<void>;
}

const timeWaitSeconds = 60; // Linux keeps a closed TCP connection in TIME_WAIT for 60 s (TCP_TIMEWAIT_LEN)
const loopbackHostsAvailable = 8; // 127.0.0.1..127.0.0.8: the whole 127/8 answers on Linux, no setup needed
const startTimeoutPerTargetMs = 5; // YAML parsing and validation of 20,000 targets take seconds
const startTimeoutBaseMs = 20_000;

/**
 * How many loopback addresses to spread the targets over. Each probe opens a new connection, and
 * each connection to one address and port holds an ephemeral port for 60 s after it closes; keep
 * that under half the ephemeral range per address so probes never wait for a free port.
 */
export function chooseLoopbackHosts(probesPerSecond: number, ephemeralPorts: number): string[] {
  const needed = Math.ceil((probesPerSecond * timeWaitSeconds) / (ephemeralPorts / 2));
  const count = Math.min(loopbackHostsAvailable, Math.max(1, needed));
  return Array.from({ length: count }, (_, index) => `127.0.0.${index + 1}`);
}

/** Starts the target server, writes the config (and seeded history), then starts upbeat. */
export async function startTestbed(options: {
  targets: number;
  intervalSeconds: number;
  /** Fill the store with months of history first, as a long-running server has. */
  seed: boolean;
  /** With `seed`: extra signals per target, one a minute up to now. */
  recentPerTarget?: number;
  nodeArgs?: readonly string[];
  /** Add one target probed every second whose body pattern costs RE2 about 300 ms on its 64 KiB body (280-400 ms measured, so with its 500 ms timeout it is sometimes cut off: that target may end down). */
  regexTarget?: boolean;
  /** More top-level config keys (e.g. `live`). */
  settings?: Readonly<Record<string, unknown>>;
}): Promise<Testbed> {
  const workDir = mkdtempSync(join(tmpdir(), 'upbeat-bench-'));
  const [firstPort, lastPort] = readEphemeralPortRange();
  const hosts = chooseLoopbackHosts(options.targets / options.intervalSeconds, lastPort - firstPort + 1);
  let targetServer: TargetServer | undefined;
  try {
    targetServer = await startTargetServer({ hosts, targets: options.targets });
    const bases = targetServer.baseUrls;
    const targets = Array.from({ length: options.targets }, (_, index) => ({
      name: `target ${index}`,
      url: `${bases[index % bases.length]}/t/${index}`,
      interval: `${options.intervalSeconds}s`,
    }));
    const regexTarget = {
      name: 'expensive pattern',
      url: `${bases[0]}${regexBodyPath}`,
      interval: '1s',
      expect: { body: { matches: '(.*a){20}$' } },
    };
    const configured = options.regexTarget ? [...targets, regexTarget] : targets;
    const configFile = join(workDir, 'upbeat.yaml');
    writeFileSync(
      configFile,
      stringify({ title: `bench: ${options.targets} targets`, ...options.settings, targets: configured }),
    );
    const dataDir = join(workDir, 'data');
    mkdirSync(dataDir);
    const seededSignals = options.seed
      ? await seedHistory({ dataDir, targets, now: Date.now(), recentPerTarget: options.recentPerTarget })
      : 0;
    const upbeat = await spawnUpbeat({
      env: { UPBEAT_CONFIG: configFile, UPBEAT_DATA_DIR: dataDir },
      nodeArgs: options.nodeArgs,
      startTimeoutMs: startTimeoutBaseMs + options.targets * startTimeoutPerTargetMs,
    });
    const server = targetServer;
    return {
      upbeat,
      targetServer: server,
      hosts,
      seededSignals,
      async close() {
        await upbeat.stop();
        await server.stop();
        rmSync(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await targetServer?.stop();
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
}
