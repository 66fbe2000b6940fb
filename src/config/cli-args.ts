import { configDefaults } from './defaults.ts';

/** What the command line asked for. */
export interface CliArgs {
  readonly configPath?: string;
  /** Send a test message through this notification channel and exit. */
  readonly testNotification?: string;
  readonly checkConfig: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

/** The command line after `node upbeat` (process.argv.slice(2)), or the first thing wrong with it. */
export function parseCliArgs(argv: readonly string[]): CliArgs | { error: string } {
  let configPath: string | undefined;
  let testNotification: string | undefined;
  const flags = { checkConfig: false, help: false, version: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--config' || arg.startsWith('--config=')) {
      const value = arg === '--config' ? argv[++index] : arg.slice('--config='.length);
      if (!value) return { error: '--config needs a file path, as in --config upbeat.yaml' };
      configPath = value;
    } else if (arg === '--test-notification' || arg.startsWith('--test-notification=')) {
      const value = arg === '--test-notification' ? argv[++index] : arg.slice('--test-notification='.length);
      if (!value) return { error: '--test-notification needs a channel name from notifications' };
      testNotification = value;
    } else if (arg === '--check-config') flags.checkConfig = true;
    else if (arg === '--help' || arg === '-h') flags.help = true;
    else if (arg === '--version' || arg === '-v') flags.version = true;
    else if (arg.startsWith('-')) return { error: `unknown option "${arg}" (see --help)` };
    else return { error: `unexpected argument "${arg}" (see --help)` };
  }
  return {
    ...flags,
    ...(configPath === undefined ? {} : { configPath }),
    ...(testNotification === undefined ? {} : { testNotification }),
  };
}

const { questdb } = configDefaults;
const environmentVariables: readonly (readonly [name: string, meaning: string])[] = [
  ['UPBEAT_CONFIG', 'YAML config file when --config is not given (default: ./upbeat.yaml if it exists)'],
  ['UPBEAT_URL', "watch this one URL, added to the file's targets if any (default: none)"],
  ['UPBEAT_INTERVAL', `how often to probe UPBEAT_URL (default ${configDefaults.target.intervalMs / 1000}s)`],
  ['UPBEAT_NAME', "the UPBEAT_URL target's name (default: the URL's host)"],
  ['UPBEAT_TITLE', `status page title, overrides the file's title (default "${configDefaults.title}")`],
  ['PORT', `port to listen on (default ${configDefaults.port})`],
  ['HOST', `address to listen on (default ${configDefaults.host})`],
  ['UPBEAT_DATA_DIR', `where the SQLite file and outbox live (default ${configDefaults.dataDir})`],
  [
    'UPBEAT_REGION',
    `region tag on every signal, overrides the file's region (default ${configDefaults.region})`,
  ],
  ['UPBEAT_LOG_LEVEL', `debug, info, warn or error (default ${configDefaults.logLevel})`],
  [
    'UPBEAT_QUESTDB_ILP',
    'QuestDB client config, e.g. tcp::addr=localhost:9009; (default: none, history in SQLite)',
  ],
  [
    'UPBEAT_QUESTDB_PG',
    `QuestDB PG-wire URL (default postgres://${questdb.pgCredentials}@<ILP host>:${questdb.pgPort}/${questdb.pgDatabase})`,
  ],
  ['UPBEAT_QUESTDB_TABLE', `QuestDB table name (default ${questdb.table})`],
  [
    'UPBEAT_OUTBOX_MAX_ROWS',
    `most rows kept while QuestDB is unreachable (default ${questdb.outboxMaxRows})`,
  ],
];

// Wide enough for the longest variable name plus two spaces of gutter.
const nameColumnWidth = Math.max(...environmentVariables.map(([name]) => name.length)) + 2;

/** The --help output: usage, options, and every environment variable with its default. */
export const helpText = `Usage: upbeat [options]

Probes your HTTP(S) targets, keeps every result, and serves a status page and a JSON API.

Options:
  --config PATH    YAML config file (default: ./upbeat.yaml if it exists)
  --check-config   check the configuration, print every problem, and exit
  --test-notification NAME
                   send a test message through notification channel NAME; exit 0 if
                   the provider accepted it, 1 (printing its answer) if not
  -h, --help       show this help and exit
  -v, --version    print the version and exit

Environment variables (an empty value counts as unset):
${environmentVariables.map(([name, meaning]) => `  ${name.padEnd(nameColumnWidth)}${meaning}`).join('\n')}

In the YAML file, \${NAME} is replaced by the environment variable NAME ($\${NAME} keeps it literal).
`;
