/** The command line as a user meets it: flags, config errors and exit codes of the built bundle. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReceiver } from '../src/alerts/receiver.testkit.ts';
import { runUpbeat } from './upbeat-process.ts';

const dir = mkdtempSync(join(tmpdir(), 'upbeat-cli-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function writeConfig(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

const noStackTrace = (text: string) => assert.doesNotMatch(text, /^\s+at /m, 'no stack trace');

test('UPBEAT_URL=not-a-url exits 2 naming the URL', async () => {
  const run = await runUpbeat([], { UPBEAT_URL: 'not-a-url' });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /upbeat: config error: UPBEAT_URL: must be an http\(s\) URL, got "not-a-url"/);
  noStackTrace(run.stderr);
});

test('no target at all exits 2 and says how to give one', async () => {
  const run = await runUpbeat([], { UPBEAT_DATA_DIR: dir });
  assert.equal(run.code, 2);
  assert.match(run.stderr, /no targets: set UPBEAT_URL=https:\/\/example.com/);
});

test('a bad config file lists every problem with its path and exits 2', async () => {
  const file = writeConfig(
    'bad.yaml',
    'targets:\n  - name: a\n    url: ftp://x\n  - name: b\n    url: https://example.com\n    interval: soon\n',
  );
  const run = await runUpbeat(['--config', file], {});
  assert.equal(run.code, 2);
  assert.match(run.stderr, /targets\[0\]\.url: must be an http\(s\), tcp or dns URL/);
  assert.match(run.stderr, /targets\[1\]\.interval: expected a duration like 30s, got "soon"/);
  noStackTrace(run.stderr);
});

test('--check-config exits 2 for a QuestDB table name longer than QuestDB takes, naming questdb.table', async () => {
  const file = writeConfig(
    'long-table.yaml',
    `targets:\n  - name: a\n    url: https://example.com\nquestdb:\n  ilp: tcp::addr=localhost:9009;\n  table: ${'t'.repeat(200)}\n`,
  );
  const run = await runUpbeat(['--check-config', `--config=${file}`], {});
  assert.equal(run.code, 2);
  assert.match(run.stderr, /questdb\.table: expected a table name of at most 127 letters/);
  noStackTrace(run.stderr);
});

test('--check-config exits 0 for a good file without starting', async () => {
  const file = writeConfig(
    'good.yaml',
    'title: Acme\ntargets:\n  - name: web\n    url: https://example.com\n',
  );
  const run = await runUpbeat(['--check-config', `--config=${file}`], {});
  assert.equal(run.code, 0);
  assert.match(run.stdout, /config ok: 1 target/);
});

test('--version and --help exit 0', async () => {
  const version = await runUpbeat(['--version'], {});
  assert.equal(version.code, 0);
  assert.match(version.stdout, /^upbeat \d+\.\d+\.\d+/);
  const help = await runUpbeat(['--help'], {});
  assert.equal(help.code, 0);
  assert.match(help.stdout, /UPBEAT_URL/);
  assert.match(help.stdout, /--check-config/);
});

test('an unknown flag exits 2', async () => {
  const run = await runUpbeat(['--frobnicate'], {});
  assert.equal(run.code, 2);
  assert.match(run.stderr, /--frobnicate/);
});

test('--test-notification: 0 when the provider accepts, 1 with its answer when not, 2 for an unknown name', async () => {
  const hook = await startReceiver((request) =>
    request.path === '/ok' ? { status: 200 } : { status: 401, body: '{"error":"invalid token"}' },
  );
  try {
    const file = writeConfig(
      'notify.yaml',
      [
        'targets: [{ name: web, url: "https://example.com" }]',
        'notifications:',
        `  - { name: good, type: slack, url: "${hook.url}/ok" }`,
        `  - { name: bad, type: slack, url: "${hook.url}/T0/SECRET" }`,
      ].join('\n'),
    );
    const good = await runUpbeat(['--config', file, '--test-notification', 'good'], {});
    assert.equal(good.code, 0);
    assert.match(good.stdout, /accepted by "good"/);
    assert.match(JSON.parse(hook.requests[0]!.body).text, /test notification/);
    const bad = await runUpbeat(['--config', file, '--test-notification', 'bad'], {});
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /HTTP 401: \{"error":"invalid token"\}/);
    assert.doesNotMatch(bad.stderr, /SECRET/);
    const unknown = await runUpbeat(['--config', file, '--test-notification', 'nope'], {});
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no notification channel is named "nope" \(channels: good, bad\)/);
  } finally {
    await hook.close();
  }
});

// A real database's first page with the rest cut off: the header is right, the content is not.
const truncatedSqlite = Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(84, 0xff)]);

const dataFileCases = [
  {
    name: 'text where the database should be',
    content: Buffer.from('hello, not a database\n'.repeat(20)),
    found: /found a file of 440 bytes that is not an SQLite database/,
  },
  {
    name: 'a few bytes',
    content: Buffer.from('garbage garbage'),
    found: /found a file of 15 bytes that is not an SQLite database/,
  },
  {
    name: 'a damaged SQLite file',
    content: truncatedSqlite,
    found: /found an SQLite database of 100 bytes that is damaged or unreadable/,
  },
  {
    name: 'a directory named upbeat.db',
    content: undefined,
    found: /found a directory where the file should be/,
  },
];
for (const { name, content, found } of dataFileCases) {
  test(`a data file that cannot be used (${name}) exits 1 naming it and what to do, and is left as it was`, async () => {
    const dataDir = mkdtempSync(join(dir, 'data-'));
    const file = join(dataDir, 'upbeat.db');
    if (content) writeFileSync(file, content);
    else mkdirSync(file);
    const run = await runUpbeat([], { UPBEAT_URL: 'http://127.0.0.1:9/', UPBEAT_DATA_DIR: dataDir });
    assert.equal(run.code, 1);
    assert.match(
      run.stderr,
      new RegExp(`^upbeat: cannot open the data file ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: `),
    );
    assert.match(run.stderr, found);
    assert.match(
      run.stderr,
      /upbeat has not changed or deleted it\. To start with empty history, move it away \(mv /,
    );
    noStackTrace(run.stderr);
    if (content) assert.deepEqual(readFileSync(file), content, 'the file is untouched');
    assert.deepEqual(readdirSync(dataDir), ['upbeat.db'], 'nothing created beside it');
  });
}
