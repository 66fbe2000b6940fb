import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  assertTableName,
  createTableStatement,
  ensureSchema,
  planColumns,
  questDbColumns,
} from './questdb-schema.ts';

// QUESTDB.md's statement, checked against QuestDB 9.3.2: its columns and the clauses after them.
const verifiedColumns = [
  'received TIMESTAMP',
  'target SYMBOL',
  'region SYMBOL',
  'url VARCHAR',
  'http_status INT',
  'available BOOLEAN',
  'state SYMBOL',
  'latency_ms DOUBLE',
  'reason VARCHAR',
];
const verifiedClauses = `) TIMESTAMP(received) PARTITION BY DAY TTL 400 DAYS WAL
  DEDUP UPSERT KEYS(received, target, region);`;

const fullTable = questDbColumns.map(({ name, type }) => ({ column: name, type }));
const phaseColumns = ['dns_ms', 'connect_ms', 'tls_ms', 'first_byte_ms'];
/** A table created before the phases were stored. */
const tableBeforePhases = fullTable.filter(({ column }) => !phaseColumns.includes(column));

test('the CREATE TABLE has the verified columns and clauses, the configured name and TTL', () => {
  const statement = createTableStatement('upbeat_eu', 30);
  assert.ok(statement.startsWith('CREATE TABLE IF NOT EXISTS upbeat_eu (\n  '), statement);
  assert.ok(statement.endsWith(verifiedClauses.replace('TTL 400', 'TTL 30')), statement);
  const declared = /\(\n {2}(.*)\n\) TIMESTAMP/.exec(statement)![1]!.split(', ');
  // Each verified column with its verified type, in any order (QuestDB does not mind), and the
  // phases as DOUBLEs like latency_ms; columns added later come on top.
  for (const column of [...verifiedColumns, ...phaseColumns.map((name) => `${name} DOUBLE`)]) {
    assert.ok(declared.includes(column), `${column} in ${statement}`);
  }
  assert.deepEqual(
    declared,
    questDbColumns.map(({ name, type }) => `${name} ${type}`),
  );
});

describe('assertTableName', () => {
  for (const name of ['signals', 'upbeat_test_1a2b', '_x', 'A'.repeat(127)]) {
    test(`accepts ${name.slice(0, 20)}`, () => assert.doesNotThrow(() => assertTableName(name)));
  }
  for (const name of [
    '',
    '1signals',
    'sig nals',
    'sig-nals',
    'x;DROP TABLE y',
    "x')",
    'A'.repeat(128),
    'tablé',
  ]) {
    test(`refuses ${JSON.stringify(name.slice(0, 20))}`, () =>
      assert.throws(() => assertTableName(name), /at most 127 letters, digits and _/));
  }
});

describe('planColumns', () => {
  const cases: {
    name: string;
    existing: { column: string; type: string }[];
    add: string[];
    conflicts: string[];
  }[] = [
    { name: 'a current table needs nothing', existing: fullTable, add: [], conflicts: [] },
    {
      name: "the tutorial's four columns get the rest added, in order",
      existing: [
        { column: 'received', type: 'TIMESTAMP' },
        { column: 'url', type: 'STRING' },
        { column: 'http_status', type: 'INT' },
        { column: 'available', type: 'BOOLEAN' },
      ],
      add: questDbColumns
        .map(({ name }) => name)
        .filter((name) => !['received', 'url', 'http_status', 'available'].includes(name)),
      conflicts: [],
    },
    {
      name: 'a table from before the phases gets them',
      existing: tableBeforePhases,
      add: phaseColumns,
      conflicts: [],
    },
    {
      name: 'a phase that is not a DOUBLE is a conflict',
      existing: fullTable.map((c) => (c.column === 'tls_ms' ? { ...c, type: 'LONG' } : c)),
      add: [],
      conflicts: ['tls_ms is LONG, not DOUBLE'],
    },
    {
      name: 'names and types compare case-insensitively; LONG takes our INT',
      existing: fullTable.map(({ column, type }) => ({
        column: column.toUpperCase(),
        type: type === 'INT' ? 'long' : type.toLowerCase(),
      })),
      add: [],
      conflicts: [],
    },
    {
      name: 'a type ILP cannot fill is a conflict',
      existing: fullTable.map((c) =>
        c.column === 'http_status'
          ? { ...c, type: 'DOUBLE' }
          : c.column === 'state'
            ? { ...c, type: 'VARCHAR' }
            : c,
      ),
      add: [],
      conflicts: ['http_status is DOUBLE, not INT', 'state is VARCHAR, not SYMBOL'],
    },
  ];
  for (const { name, existing, add, conflicts } of cases) {
    test(name, () => {
      const plan = planColumns(existing);
      assert.deepEqual(
        plan.add.map((column) => column.name),
        add,
      );
      assert.deepEqual(plan.conflicts, conflicts);
    });
  }
});

describe('ensureSchema', () => {
  /** Records statements and answers table_columns with `columns`. */
  function recorder(columns: { column: string; type: string }[]) {
    const statements: string[] = [];
    const run = async (statement: string) => {
      statements.push(statement);
      return statement.includes('table_columns') ? columns : [];
    };
    return { statements, run };
  }

  test('creates, reads the columns, and adds only the missing ones', async () => {
    const { statements, run } = recorder(
      fullTable.filter(({ column }) => column !== 'reason' && column !== 'state'),
    );
    assert.deepEqual(await ensureSchema(run, 'signals', 400), { added: ['state', 'reason'] });
    assert.deepEqual(statements, [
      createTableStatement('signals', 400),
      `SELECT "column", type FROM table_columns('signals')`,
      'ALTER TABLE signals ADD COLUMN state SYMBOL',
      'ALTER TABLE signals ADD COLUMN reason VARCHAR',
      'ALTER TABLE signals SET TTL 400 DAYS',
    ]);
  });

  test('a table from before the phases gets each one added as a DOUBLE', async () => {
    const { statements, run } = recorder(tableBeforePhases);
    assert.deepEqual(await ensureSchema(run, 'signals', 400), { added: phaseColumns });
    assert.deepEqual(statements.slice(2, -1), [
      'ALTER TABLE signals ADD COLUMN dns_ms DOUBLE',
      'ALTER TABLE signals ADD COLUMN connect_ms DOUBLE',
      'ALTER TABLE signals ADD COLUMN tls_ms DOUBLE',
      'ALTER TABLE signals ADD COLUMN first_byte_ms DOUBLE',
    ]);
  });

  test('adds no column to a table that has every one, and sets its TTL to the retention', async () => {
    const { statements, run } = recorder(fullTable);
    assert.deepEqual(await ensureSchema(run, 'signals', 30), { added: [] });
    assert.deepEqual(statements.slice(1), [
      `SELECT "column", type FROM table_columns('signals')`,
      'ALTER TABLE signals SET TTL 30 DAYS',
    ]);
  });

  test('a TTL the server refuses is reported, not fatal', async () => {
    const { run } = recorder(fullTable);
    const refusing = async (statement: string) => {
      if (statement.includes('SET TTL')) throw new Error('TTL settings are deprecated');
      return run(statement);
    };
    assert.deepEqual(await ensureSchema(refusing, 'signals', 30), {
      added: [],
      ttlProblem: 'TTL settings are deprecated',
    });
  });

  test('refuses a table it cannot write, naming the columns', async () => {
    const { run } = recorder(fullTable.map((c) => (c.column === 'latency_ms' ? { ...c, type: 'LONG' } : c)));
    await assert.rejects(
      ensureSchema(run, 'signals', 400),
      /table signals has latency_ms is LONG, not DOUBLE/,
    );
  });

  test('refuses a bad table name before sending anything', async () => {
    const { statements, run } = recorder(fullTable);
    await assert.rejects(ensureSchema(run, "x'); DROP TABLE signals; --", 400), /letters, digits and _/);
    assert.deepEqual(statements, []);
  });
});
