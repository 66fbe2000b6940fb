import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QuestDbConfig } from './config.ts';
import { readQuestDbConfig } from './read-questdb.ts';

function read(block: unknown, env: Record<string, string>) {
  const errors: string[] = [];
  const questdb = readQuestDbConfig(block, env, errors);
  return { questdb, errors };
}

describe('readQuestDbConfig', () => {
  const configured: [name: string, block: unknown, env: Record<string, string>, expected: QuestDbConfig][] = [
    [
      'ILP only: the rest defaults, PG on the ILP host',
      undefined,
      { UPBEAT_QUESTDB_ILP: 'tcp::addr=qdb.internal:9009;' },
      {
        ilp: 'tcp::addr=qdb.internal:9009;',
        pg: 'postgres://admin:quest@qdb.internal:8812/qdb',
        table: 'signals',
        outboxMaxRows: 1_000_000,
      },
    ],
    [
      'the file block alone',
      {
        ilp: 'http::addr=localhost:9000;username=a;password=b;;c;',
        pg: 'postgresql://u:p@pg:8812/qdb',
        table: 'probes',
        outboxMaxRows: 5,
      },
      {},
      {
        ilp: 'http::addr=localhost:9000;username=a;password=b;;c;',
        pg: 'postgresql://u:p@pg:8812/qdb',
        table: 'probes',
        outboxMaxRows: 5,
      },
    ],
    [
      'environment variables override the file block key by key',
      { ilp: 'tcp::addr=file:9009;', table: 'from_file', outboxMaxRows: 5 },
      { UPBEAT_QUESTDB_ILP: 'https::addr=env:9000;', UPBEAT_OUTBOX_MAX_ROWS: '7' },
      {
        ilp: 'https::addr=env:9000;',
        pg: 'postgres://admin:quest@env:8812/qdb',
        table: 'from_file',
        outboxMaxRows: 7,
      },
    ],
  ];
  for (const [name, block, env, expected] of configured) {
    test(name, () => {
      assert.deepEqual(read(block, env), { questdb: expected, errors: [] });
    });
  }

  test('defaults the port and brackets an IPv6 host in the PG URL', () => {
    assert.equal(
      read(undefined, { UPBEAT_QUESTDB_ILP: 'tcp::addr=[::1];' }).questdb?.pg,
      'postgres://admin:quest@[::1]:8812/qdb',
    );
  });

  test('is off when neither the block nor UPBEAT_QUESTDB_ILP is there', () => {
    assert.deepEqual(read(undefined, {}), { questdb: undefined, errors: [] });
  });

  const broken: [name: string, block: unknown, env: Record<string, string>, errors: string[]][] = [
    [
      'settings that need QuestDB to be on',
      undefined,
      { UPBEAT_QUESTDB_PG: 'postgres://x', UPBEAT_QUESTDB_TABLE: 't' },
      [
        'UPBEAT_QUESTDB_PG: has no effect without UPBEAT_QUESTDB_ILP or a questdb: block',
        'UPBEAT_QUESTDB_TABLE: has no effect without UPBEAT_QUESTDB_ILP or a questdb: block',
      ],
    ],
    [
      'an option upbeat would not honour',
      undefined,
      { UPBEAT_QUESTDB_ILP: 'tcp::addr=q:9009;auto_flush_rows=5;' },
      ['UPBEAT_QUESTDB_ILP: unsupported option(s) for tcp: auto_flush_rows (supported: addr)'],
    ],
    ['a block without ilp', { table: 'signals' }, {}, ['questdb.ilp: required (or set UPBEAT_QUESTDB_ILP)']],
    ['a block that is not a mapping', 'yes', {}, ['questdb: expected a mapping, got "yes"']],
    [
      'an unknown key in the block',
      { ilp: 'tcp::addr=a:1;', tabel: 'x' },
      {},
      ['questdb.tabel: unknown key (did you mean "table"?)'],
    ],
    [
      'not a client config string',
      undefined,
      { UPBEAT_QUESTDB_ILP: 'localhost:9009' },
      [
        'UPBEAT_QUESTDB_ILP: expected tcp::, http:: or https:: at the start (for TLS, use https::), got "localhost:9009"',
      ],
    ],
    [
      'an unknown scheme',
      undefined,
      { UPBEAT_QUESTDB_ILP: 'tcps::addr=localhost:9009;' },
      [
        'UPBEAT_QUESTDB_ILP: expected tcp::, http:: or https:: at the start (for TLS, use https::), got "tcps::addr=localhost:9009;"',
      ],
    ],
    [
      'a port out of range',
      { ilp: 'tcp::addr=localhost:99999;' },
      {},
      ['questdb.ilp: port out of range in "localhost:99999"'],
    ],
    ['no addr', { ilp: 'http::username=x;' }, {}, ['questdb.ilp: addr=host:port is required']],
    [
      'a table name longer than QuestDB takes',
      { ilp: 'tcp::addr=a:9009;', table: 'x'.repeat(200) },
      {},
      [
        `questdb.table: expected a table name of at most 127 letters, digits and _, not starting with a digit, got "${'x'.repeat(76)}..."`,
      ],
    ],
    [
      'every other field wrong at once',
      { ilp: 'tcp::addr=a:9009;', pg: 'mysql://x', outboxMaxRows: 0 },
      { UPBEAT_QUESTDB_TABLE: '1signals; DROP TABLE x' },
      [
        'questdb.pg: expected a postgres:// URL, got "mysql://x"',
        'UPBEAT_QUESTDB_TABLE: expected a table name of at most 127 letters, digits and _, not starting with a digit, got "1signals; DROP TABLE x"',
        'questdb.outboxMaxRows: expected an integer >= 1, got 0',
      ],
    ],
  ];
  for (const [name, block, env, errors] of broken) {
    test(`reports ${name}`, () => {
      assert.deepEqual(read(block, env), { questdb: undefined, errors });
    });
  }
});
