import { fileURLToPath } from 'node:url';
import { sendTestNotification } from './alerts/send-test-notification.ts';
import { parseCliArgs, helpText } from './config/cli-args.ts';
import { locateConfigFile } from './config/config-file.ts';
import { loadConfig } from './config/load-config.ts';
import { watchConfigFile } from './config/watch-config-file.ts';
import { createLogger } from './log.ts';
import { locatePublicFiles } from './packaged/public-files.ts';
import { startUpbeat } from './start-upbeat.ts';
import { version } from './version.ts';

// Both src/main.ts and the bundle dist/upbeat.mjs sit one folder below the repository root; the
// single executable dist/upbeat carries its own copy.
const publicFiles = locatePublicFiles(() => fileURLToPath(new URL('../public', import.meta.url)));
// A stop that hangs past this is forced: orchestrators kill at 10 s, and we promise 5.
const shutdownDeadlineMs = 4_500;

/** The command line: validates everything first, exits 2 on any config problem, then runs. */
async function main(argv: string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if ('error' in args) {
    process.stderr.write(`upbeat: ${args.error}\nTry "upbeat --help".\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(helpText);
    return 0;
  }
  if (args.version) {
    process.stdout.write(`upbeat ${version}\n`);
    return 0;
  }
  const configSource = { argvConfigPath: args.configPath, env: process.env, cwd: process.cwd() };
  const loaded = loadConfig(configSource);
  if ('errors' in loaded) {
    for (const error of loaded.errors) process.stderr.write(`upbeat: config error: ${error}\n`);
    return 2;
  }
  const { config } = loaded;
  if (args.testNotification !== undefined) {
    const result = await sendTestNotification(config, args.testNotification);
    if ('unknown' in result) {
      process.stderr.write(`upbeat: ${result.unknown}\n`);
      return 2;
    }
    if (result.ok) {
      process.stdout.write(`upbeat: test notification accepted by "${args.testNotification}"\n`);
      return 0;
    }
    process.stderr.write(
      `upbeat: "${args.testNotification}" did not accept the test notification: ${result.answer}\n`,
    );
    return 1;
  }
  if (args.checkConfig) {
    process.stdout.write(`upbeat: config ok: ${config.targets.length} target(s)\n`);
    return 0;
  }

  const log = createLogger({ level: config.logLevel });
  const running = await startUpbeat(config, log, {
    publicFiles,
    loadConfig: () => loadConfig(configSource),
  });
  const watcher = watchConfigFile({
    file: locateConfigFile(configSource).absolutePath,
    onChange: () => running.reload('file changed'),
    log,
  });
  let stopping = false;
  // SIGHUP is the reload signal of nginx, Prometheus and Alertmanager; a file edit reloads too.
  process.on('SIGHUP', () => stopping || running.reload('SIGHUP'));
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal means "now"
    stopping = true;
    log.info({ signal }, 'stopping');
    watcher.close();
    setTimeout(() => {
      log.error({ deadlineMs: shutdownDeadlineMs }, 'stop took too long, exiting');
      process.exit(1);
    }, shutdownDeadlineMs).unref();
    running.stop().then(
      () => {
        log.info({}, 'stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`upbeat: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1); // a half-started store may hold timers; leave no zombie
  },
);
