import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { helpText, parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  const none = { checkConfig: false, help: false, version: false };
  const cases: [argv: string[], expected: ReturnType<typeof parseCliArgs>][] = [
    [[], none],
    [['--config', 'a.yaml'], { ...none, configPath: 'a.yaml' }],
    [['--config=/etc/upbeat.yaml'], { ...none, configPath: '/etc/upbeat.yaml' }],
    [['--config', 'a.yaml', '--config', 'b.yaml'], { ...none, configPath: 'b.yaml' }],
    [['--check-config', '--config', 'a.yaml'], { ...none, checkConfig: true, configPath: 'a.yaml' }],
    [['--test-notification', 'ops'], { ...none, testNotification: 'ops' }],
    [
      ['--test-notification=ops', '--config', 'a.yaml'],
      { ...none, testNotification: 'ops', configPath: 'a.yaml' },
    ],
    [['--test-notification'], { error: '--test-notification needs a channel name from notifications' }],
    [['--help'], { ...none, help: true }],
    [['-h'], { ...none, help: true }],
    [['--version'], { ...none, version: true }],
    [['-v'], { ...none, version: true }],
    [['--config'], { error: '--config needs a file path, as in --config upbeat.yaml' }],
    [['--config='], { error: '--config needs a file path, as in --config upbeat.yaml' }],
    [['--conifg', 'a.yaml'], { error: 'unknown option "--conifg" (see --help)' }],
    [['-x'], { error: 'unknown option "-x" (see --help)' }],
    [['serve'], { error: 'unexpected argument "serve" (see --help)' }],
  ];
  for (const [argv, expected] of cases) {
    test(JSON.stringify(argv), () => {
      assert.deepEqual(parseCliArgs(argv), expected);
    });
  }
});

describe('helpText', () => {
  const variables = [
    'UPBEAT_CONFIG',
    'UPBEAT_URL',
    'UPBEAT_INTERVAL',
    'UPBEAT_NAME',
    'UPBEAT_TITLE',
    'PORT',
    'HOST',
    'UPBEAT_DATA_DIR',
    'UPBEAT_REGION',
    'UPBEAT_LOG_LEVEL',
    'UPBEAT_QUESTDB_ILP',
    'UPBEAT_QUESTDB_PG',
    'UPBEAT_QUESTDB_TABLE',
    'UPBEAT_OUTBOX_MAX_ROWS',
  ];
  for (const name of variables) {
    test(`has one line for ${name}, with its default`, () => {
      const lines = helpText.split('\n').filter((line) => line.trimStart().startsWith(`${name} `));
      assert.equal(lines.length, 1);
      assert.match(lines[0]!, /default/);
    });
  }

  test('lists every option', () => {
    for (const option of ['--config PATH', '--check-config', '-h, --help', '-v, --version']) {
      assert.ok(helpText.includes(option), option);
    }
  });
});
