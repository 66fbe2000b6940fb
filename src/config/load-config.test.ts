import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Config, Target } from './config.ts';
import { loadConfig, noTargetsError } from './load-config.ts';
import { documentedDefaultTarget } from './documented-defaults.testkit.ts';

const cwd = '/srv/upbeat';

/** loadConfig over in-memory files named relative to `cwd`. */
function load(files: Record<string, string>, env: Record<string, string> = {}, argvConfigPath?: string) {
  const byPath = new Map(Object.entries(files).map(([name, text]) => [resolve(cwd, name), text]));
  const readFile = (path: string) => {
    const text = byPath.get(path);
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return text;
  };
  return loadConfig({ argvConfigPath, env, cwd, readFile });
}

function configOf(result: ReturnType<typeof loadConfig>): Config {
  assert.ok(
    'config' in result,
    `expected a config, got errors:\n${'errors' in result ? result.errors.join('\n') : ''}`,
  );
  return result.config;
}

/** upbeat.yaml with one target named Site; `lines` are more keys of that target, one per line. */
function oneTarget(...lines: string[]): Record<string, string> {
  return {
    'upbeat.yaml': [
      'targets:',
      '  - name: Site',
      '    url: https://example.com',
      ...lines.map((line) => `    ${line}`),
    ].join('\n'),
  };
}

const defaultTarget = documentedDefaultTarget;

describe('loadConfig defaults', () => {
  test('a file with one target gets every default', () => {
    assert.deepEqual(configOf(load(oneTarget())), {
      title: 'upbeat',
      targets: [defaultTarget],
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/upbeat/data',
      retentionDays: 400,
      region: 'local',
      maxConcurrentProbes: 256,
      logLevel: 'info',
      publicUrls: true,
      maintenance: [],
      announcements: [],
      live: { intervalMs: 1_000, heartbeatMs: 25_000, maxStreams: 5_000 },
      cache: { sharedMaxAgeSeconds: 1, staleWhileRevalidateSeconds: 10 },
      notifications: [],
    });
  });

  test('UPBEAT_URL alone makes one target named after the host', () => {
    const config = configOf(load({}, { UPBEAT_URL: 'https://example.com:8443/health' }));
    assert.deepEqual(config.targets, [
      {
        ...defaultTarget,
        name: 'example.com:8443',
        url: 'https://example.com:8443/health',
        publicUrl: 'https://example.com:8443/health',
      },
    ]);
  });

  test('publicUrls: false hides every URL but those a target shows with its own publicUrl', () => {
    const files = {
      'upbeat.yaml': [
        'publicUrls: false',
        'targets:',
        '  - { name: A, url: "https://a.example" }',
        '  - { name: B, url: "https://u:p@b.example/?key=k", publicUrl: true }',
        '  - { name: C, url: "https://c.example", publicUrl: "https://www.c.example/" }',
      ].join('\n'),
    };
    const config = configOf(load(files, { UPBEAT_URL: 'https://d.example' }));
    assert.equal(config.publicUrls, false);
    assert.deepEqual(
      config.targets.map((target) => target.publicUrl),
      ['', 'https://b.example/?key=***', 'https://www.c.example/', ''],
    );
  });

  test('UPBEAT_NAME and UPBEAT_INTERVAL shape the UPBEAT_URL target, and a short interval shortens the timeout', () => {
    const config = configOf(
      load({}, { UPBEAT_URL: 'http://localhost:8080', UPBEAT_NAME: ' Local ', UPBEAT_INTERVAL: '5s' }),
    );
    assert.deepEqual(config.targets[0]?.name, 'Local');
    assert.deepEqual(config.targets[0]?.schedule, { kind: 'interval', everyMs: 5000 });
    assert.equal(config.targets[0]?.timeoutMs, 2500);
  });

  test('UPBEAT_URL adds a target after the file ones', () => {
    const config = configOf(load(oneTarget(), { UPBEAT_URL: 'https://other.example' }));
    assert.deepEqual(
      config.targets.map((target) => target.name),
      ['Site', 'other.example'],
    );
  });

  test('environment variables set the server and override the file', () => {
    const files = { 'upbeat.yaml': `title: From file\nregion: eu\n${oneTarget()['upbeat.yaml']}` };
    const config = configOf(
      load(files, {
        PORT: '0',
        HOST: '127.0.0.1',
        UPBEAT_DATA_DIR: 'var/upbeat',
        UPBEAT_REGION: 'us-east',
        UPBEAT_TITLE: 'From env',
        UPBEAT_LOG_LEVEL: 'DEBUG',
      }),
    );
    assert.deepEqual(
      [config.port, config.host, config.dataDir, config.region, config.title, config.logLevel],
      [0, '127.0.0.1', '/srv/upbeat/var/upbeat', 'us-east', 'From env', 'debug'],
    );
  });

  test('an empty environment variable counts as unset', () => {
    const config = configOf(load(oneTarget(), { PORT: '', UPBEAT_URL: '', UPBEAT_QUESTDB_TABLE: '' }));
    assert.equal(config.port, 3000);
    assert.equal(config.targets.length, 1);
  });

  test('file settings are read', () => {
    const files = {
      'upbeat.yaml': [
        'title: Acme status',
        'description: Our public services',
        'logo: https://acme.example/logo.svg',
        'retention: 30d',
        'region: eu-west',
        'maxConcurrentProbes: 8',
        'questdb: { ilp: "tcp::addr=qdb:9009;" }',
        'live: { interval: 2s, heartbeat: 15s, maxStreams: 0 }',
        'cache: { sharedMaxAge: 5s, staleWhileRevalidate: 1m }',
        oneTarget()['upbeat.yaml'],
      ].join('\n'),
    };
    const { targets, ...rest } = configOf(load(files));
    assert.deepEqual(rest, {
      title: 'Acme status',
      description: 'Our public services',
      logoUrl: 'https://acme.example/logo.svg',
      port: 3000,
      host: '0.0.0.0',
      dataDir: '/srv/upbeat/data',
      retentionDays: 30,
      region: 'eu-west',
      maxConcurrentProbes: 8,
      logLevel: 'info',
      publicUrls: true,
      maintenance: [],
      announcements: [],
      questdb: {
        ilp: 'tcp::addr=qdb:9009;',
        pg: 'postgres://admin:quest@qdb:8812/qdb',
        table: 'signals',
        outboxMaxRows: 1_000_000,
      },
      live: { intervalMs: 2_000, heartbeatMs: 15_000, maxStreams: 0 },
      cache: { sharedMaxAgeSeconds: 5, staleWhileRevalidateSeconds: 60 },
      notifications: [],
    });
    assert.equal(targets.length, 1);
  });

  test('UPBEAT_QUESTDB_ILP alone turns QuestDB on with defaults', () => {
    const config = configOf(
      load({}, { UPBEAT_URL: 'https://example.com', UPBEAT_QUESTDB_ILP: 'http::addr=10.0.0.5:9000;' }),
    );
    assert.deepEqual(config.questdb, {
      ilp: 'http::addr=10.0.0.5:9000;',
      pg: 'postgres://admin:quest@10.0.0.5:8812/qdb',
      table: 'signals',
      outboxMaxRows: 1_000_000,
    });
  });

  test('a cron target gets its period from the pattern', () => {
    const target = configOf(load(oneTarget('cron: "*/15 * * * * *"'))).targets[0]!;
    assert.deepEqual(
      [target.schedule, target.periodMs],
      [{ kind: 'cron', pattern: '*/15 * * * * *' }, 15_000],
    );
  });

  test('the result is frozen all the way down', () => {
    const config = configOf(load(oneTarget('headers: { X-Team: ops }')));
    const target = config.targets[0]!;
    for (const part of [
      config,
      config.targets,
      target,
      target.schedule,
      target.expect,
      target.expect.status[0],
      target.headers,
    ]) {
      assert.ok(Object.isFrozen(part));
    }
    assert.throws(() => {
      (config as { port: number }).port = 1;
    }, TypeError);
  });
});

describe('loadConfig ${VAR} interpolation', () => {
  test('replaces a variable anywhere in the text, and $${ keeps a literal', () => {
    const files = oneTarget(
      'headers: { Authorization: "Bearer ${API_TOKEN}", X-Template: "$${NOT_A_VAR}", X-Empty: "${EMPTY}" }',
      'interval: ${EVERY}',
    );
    const target = configOf(load(files, { API_TOKEN: 's3cret', EVERY: '15s', EMPTY: '' })).targets[0]!;
    assert.deepEqual(target.headers, {
      Authorization: 'Bearer s3cret',
      'X-Template': '${NOT_A_VAR}',
      'X-Empty': '',
    });
    assert.equal(target.periodMs, 15_000);
  });

  test('an unset variable is named once, and the rest of the file is still checked', () => {
    const files = oneTarget('headers: { X-A: "${DB_PASS}", X-B: "${DB_PASS}" }', 'interval: soon');
    assert.deepEqual(load(files), {
      errors: [
        '${DB_PASS}: environment variable is not set',
        'targets[0].interval: expected a duration like 30s, got "soon"',
      ],
    });
  });

  test('a reference that is not a variable name is an error', () => {
    assert.deepEqual(load(oneTarget('headers: { X-A: "${not-a-name}" }')), {
      errors: ['${not-a-name}: expected an environment variable name (letters, digits, underscore)'],
    });
  });
});

describe('loadConfig errors', () => {
  const cases: [
    name: string,
    files: Record<string, string>,
    env: Record<string, string>,
    errors: string[],
  ][] = [
    ['nothing configured', {}, {}, [noTargetsError]],
    ['a file without targets', { 'upbeat.yaml': 'title: Empty' }, {}, [noTargetsError]],
    ['an empty targets list', { 'upbeat.yaml': 'targets: []' }, {}, [noTargetsError]],
    ['a targets key with nothing under it', { 'upbeat.yaml': 'targets:\n' }, {}, [noTargetsError]],
    [
      'targets not a list',
      { 'upbeat.yaml': 'targets: { name: x }' },
      {},
      ['targets: expected a list of targets, got a mapping'],
    ],
    [
      'not a URL',
      { 'upbeat.yaml': 'targets:\n  - { name: A, url: not-a-url }' },
      {},
      ['targets[0].url: must be an http(s), tcp or dns URL, got "not-a-url"'],
    ],
    [
      'publicUrls not a boolean',
      { 'upbeat.yaml': `publicUrls: hidden\n${oneTarget()['upbeat.yaml']}` },
      {},
      ['publicUrls: expected true or false, got "hidden"'],
    ],
    [
      'a target URL where a mapping belongs, echoed without its secrets',
      { 'upbeat.yaml': 'targets:\n  - https://admin:s3cretpw@example.com/?token=tok123' },
      {},
      ['targets[0]: expected a mapping, got "https://example.com/?token=***"'],
    ],
    [
      'an interval that is not a duration',
      oneTarget('interval: soon'),
      {},
      ['targets[0].interval: expected a duration like 30s, got "soon"'],
    ],
    [
      'a cron value out of range',
      oneTarget('cron: "61 * * * *"'),
      {},
      ['targets[0].cron: invalid cron pattern "61 * * * *": Invalid value for minute: 61'],
    ],
    [
      'a timeout as long as the interval',
      oneTarget('interval: 10s', 'timeout: 10s'),
      {},
      ['targets[0].timeout: must be less than the interval (10s), got "10s"'],
    ],
    [
      'a single bad status',
      oneTarget('expect: { status: 600 }'),
      {},
      ['targets[0].expect.status: expected a status code 100..599 or a range like "200-399", got 600'],
    ],
    [
      'a misspelt target key',
      oneTarget('intreval: 30s'),
      {},
      ['targets[0].intreval: unknown key (did you mean "interval"?)'],
    ],
    [
      'unknown top-level keys',
      { 'upbeat.yaml': `titel: x\nfrobnicate: true\n${oneTarget()['upbeat.yaml']}` },
      {},
      ['titel: unknown key (did you mean "title"?)', 'frobnicate: unknown key'],
    ],
    [
      'duplicate names',
      {
        'upbeat.yaml':
          'targets:\n  - { name: A, url: "https://a.example" }\n  - { name: B, url: "https://b.example" }\n  - { name: " A", url: "https://c.example" }',
      },
      {},
      ['targets[2].name: the name "A" is already used by targets[0]'],
    ],
    [
      'UPBEAT_URL named like a file target',
      oneTarget(),
      { UPBEAT_URL: 'https://example.com/other', UPBEAT_NAME: 'Site' },
      ['UPBEAT_NAME: the name "Site" is already used by targets[0]'],
    ],
    [
      'UPBEAT_URL whose host is a file target name',
      { 'upbeat.yaml': 'targets:\n  - { name: example.com, url: "https://example.com" }' },
      { UPBEAT_URL: 'https://example.com/health' },
      [
        'UPBEAT_URL: the name "example.com" is already used by targets[0]; set UPBEAT_NAME to tell them apart',
      ],
    ],
    [
      'bad top-level settings',
      {
        'upbeat.yaml': `title: 42\nlogo: logo.png\nretention: 5h\nmaxConcurrentProbes: 0\n${oneTarget()['upbeat.yaml']}`,
      },
      {},
      [
        'title: expected non-empty text, got 42',
        'logo: must be an http(s) URL, got "logo.png"',
        'retention: expected whole days like 400d, got "5h"',
        'maxConcurrentProbes: expected an integer >= 1, got 0',
      ],
    ],
    [
      'bad live and cache settings',
      {
        'upbeat.yaml': `live: { interval: 10ms, heartbeat: 30, maxStreams: -1, burst: 3 }\ncache: { sharedMaxAge: 1500ms, staleWhileRevalidate: 2d }\n${oneTarget()['upbeat.yaml']}`,
      },
      {},
      [
        'live.burst: unknown key',
        'live.interval: expected 100ms to 1m, got "10ms"',
        'live.heartbeat: expected a duration like 30s, got 30',
        'live.maxStreams: expected an integer >= 0, got -1',
        'cache.sharedMaxAge: expected whole seconds, got "1500ms"',
        'cache.staleWhileRevalidate: expected 0s to 1d, got "2d"',
      ],
    ],
    [
      'UPBEAT_URL not a URL',
      {},
      { UPBEAT_URL: 'not-a-url' },
      ['UPBEAT_URL: must be an http(s) URL, got "not-a-url"'],
    ],
    [
      'UPBEAT_INTERVAL not a duration',
      {},
      { UPBEAT_URL: 'https://x.example', UPBEAT_INTERVAL: '5 min' },
      ['UPBEAT_INTERVAL: expected a duration like 30s, got "5 min"'],
    ],
    [
      'UPBEAT_INTERVAL without UPBEAT_URL',
      oneTarget(),
      { UPBEAT_INTERVAL: '30s' },
      ['UPBEAT_INTERVAL: has no effect without UPBEAT_URL'],
    ],
    [
      'bad server settings',
      oneTarget(),
      { PORT: 'x', UPBEAT_LOG_LEVEL: 'verbose' },
      [
        'PORT: expected an integer 0..65535, got "x"',
        'UPBEAT_LOG_LEVEL: expected one of debug, info, warn, error, got "verbose"',
      ],
    ],
    [
      'a port out of range',
      oneTarget(),
      { PORT: '70000' },
      ['PORT: expected an integer 0..65535, got "70000"'],
    ],
    [
      'several problems in several places at once',
      {
        'upbeat.yaml': [
          'targets:',
          '  - { name: A, url: "https://a.example", interval: 30s }',
          '  - { name: B, url: not-a-url, interval: 30s }',
          '  - { name: C, url: "https://c.example", interval: soon, method: FETCH }',
        ].join('\n'),
      },
      { PORT: 'x' },
      [
        'targets[1].url: must be an http(s), tcp or dns URL, got "not-a-url"',
        'targets[2].interval: expected a duration like 30s, got "soon"',
        'targets[2].method: expected one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH"',
        'PORT: expected an integer 0..65535, got "x"',
      ],
    ],
    [
      'a top-level list',
      { 'upbeat.yaml': '- name: A\n' },
      {},
      ['upbeat.yaml: expected a mapping of settings at the top level, got a list'],
    ],
    [
      'a YAML syntax error',
      { 'upbeat.yaml': 'title: x\n\tregion: y\n' },
      {},
      ['upbeat.yaml:2:1: Tabs are not allowed as indentation'],
    ],
    [
      'a duplicate YAML key',
      { 'upbeat.yaml': 'title: a\ntitle: b\n' },
      {},
      ['upbeat.yaml:2:1: Map keys must be unique'],
    ],
    [
      'UPBEAT_CONFIG naming a missing file',
      {},
      { UPBEAT_CONFIG: 'missing.yaml' },
      ['UPBEAT_CONFIG: file not found: /srv/upbeat/missing.yaml'],
    ],
  ];
  for (const [name, files, env, errors] of cases) {
    test(name, () => {
      assert.deepEqual(load(files, env), { errors });
    });
  }

  test('--config naming a missing file, which wins over UPBEAT_CONFIG', () => {
    const result = load(
      { 'other.yaml': oneTarget()['upbeat.yaml']! },
      { UPBEAT_CONFIG: 'other.yaml' },
      'conf/missing.yaml',
    );
    assert.deepEqual(result, { errors: ['--config: file not found: /srv/upbeat/conf/missing.yaml'] });
  });

  test('YAML errors in a named file name that file', () => {
    assert.deepEqual(load({ 'conf/up.yaml': 'a: 1\na: 2\n' }, {}, 'conf/up.yaml'), {
      errors: ['conf/up.yaml:2:1: Map keys must be unique'],
    });
  });

  test('a file that cannot be read says why', () => {
    const readFile = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    assert.deepEqual(loadConfig({ env: {}, cwd, readFile }), {
      errors: ['upbeat.yaml: cannot read: EACCES: permission denied: /srv/upbeat/upbeat.yaml'],
    });
  });
});

describe('loadConfig from disk', () => {
  test('finds upbeat.yaml in the working directory', () => {
    const directory = mkdtempSync(join(tmpdir(), 'upbeat-config-'));
    try {
      writeFileSync(join(directory, 'upbeat.yaml'), oneTarget()['upbeat.yaml']!);
      const config = configOf(loadConfig({ env: {}, cwd: directory }));
      assert.deepEqual(config.targets, [defaultTarget]);
      assert.equal(config.dataDir, join(directory, 'data'));
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  const examplePath = fileURLToPath(new URL('../../upbeat.example.yaml', import.meta.url));

  test('upbeat.example.yaml loads when API_TOKEN is set', () => {
    const config = configOf(
      loadConfig({ argvConfigPath: examplePath, env: { API_TOKEN: 'example-token' }, cwd }),
    );
    assert.ok(config.targets.length >= 3);
    assert.ok(config.targets.some((target) => target.schedule.kind === 'cron'));
    assert.ok(
      config.targets.some((target) =>
        Object.values(target.headers).some((value) => value.includes('example-token')),
      ),
    );
  });

  test('upbeat.example.yaml names API_TOKEN when it is not set', () => {
    assert.deepEqual(loadConfig({ argvConfigPath: examplePath, env: {}, cwd }), {
      errors: ['${API_TOKEN}: environment variable is not set'],
    });
  });
});

test('maintenance: a bad window names its place, and its targets must be configured', () => {
  const result = load({
    'upbeat.yaml': [
      'targets:',
      '  - name: Website',
      '    url: https://example.com',
      'maintenance:',
      '  - title: Upgrade',
      '    start: 2026-12-01T04:00:00+01:00',
      '    end: 2026-12-01T02:00:00+01:00',
      '  - title: Weekly',
      '    cron: 0 3 * * 0',
      '    duration: 1h',
      '    targets: [API]',
    ].join('\n'),
  });
  assert.deepEqual('errors' in result && result.errors, [
    'maintenance[0].end: must be after start (2026-12-01T04:00:00+01:00), got "2026-12-01T02:00:00+01:00"',
    'maintenance[1].targets[0]: no target named "API"',
  ]);
});
