import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openApiDocument } from './api/openapi.ts';
import { signalColumnList, type SignalColumn } from './signal-columns.ts';
import { buildFullSignal } from './signal-fixture.testkit.ts';
import { toSignalRecord } from './status/signal-record.ts';
import { parseIlp, toSignal as fromIlp } from './store/questdb/ilp-decode.testkit.ts';
import { encodeSignalRow, toIlpLine } from './store/questdb/ilp-encode.ts';
import { createTableStatement, planColumns } from './store/questdb/questdb-schema.ts';
import { toSignal as fromQuestDbRow } from './store/questdb/questdb-reader.ts';
import { createSqliteStore } from './store/sqlite-store.ts';

const full = buildFullSignal();
const jsonNames = signalColumnList.map(({ name }) => name);

test('the sample signal has a value in every column', () => {
  for (const { property } of signalColumnList) assert.notEqual(full[property], null, property);
});

test('a signal with every column set round-trips through the SQLite store', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'upbeat-columns-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = createSqliteStore({ file: join(dir, 'upbeat.db') });
  t.after(() => store.close());
  await store.append([full]);
  assert.deepEqual(await store.readSignals({ limit: 1 }), [full]);
});

test('a signal with every column set round-trips through ILP encode and decode', () => {
  const { rows } = parseIlp(toIlpLine('signals', encodeSignalRow(full)));
  const row = rows[0]!;
  const written = [...Object.keys(row.symbols), ...Object.keys(row.fields)].sort();
  assert.deepEqual(written, jsonNames.filter((name) => name !== 'received').sort());
  assert.deepEqual(fromIlp(row), full);
});

test('a QuestDB row named by the table reads back as the signal', () => {
  // The PG-wire client hands every TIMESTAMP column over as a Date (pg-client.ts).
  const asQuestDb = ({ name, kind }: SignalColumn, value: unknown) =>
    (kind === 'timestamp' || kind === 'time') && value !== null ? new Date(value as string) : value;
  const record: Record<string, unknown> = toSignalRecord(full);
  const row = Object.fromEntries(
    signalColumnList.map((column) => [column.name, asQuestDb(column, record[column.name])]),
  );
  assert.deepEqual(fromQuestDbRow(row), full);
});

test('the API record has every column under its name, in table order, times as ISO text', () => {
  const record = toSignalRecord(full);
  assert.deepEqual(Object.keys(record), jsonNames);
  assert.equal(record.received, new Date(full.received).toISOString());
  assert.equal(record.http_status, full.httpStatus);
});

test("OpenAPI's SignalRecord requires and documents exactly the table's names", () => {
  const schema = openApiDocument.components.schemas.SignalRecord;
  assert.deepEqual(schema.required, jsonNames);
  assert.deepEqual(Object.keys(schema.properties), jsonNames);
  for (const { name, nullable } of signalColumnList) {
    const property = schema.properties[name] as { type?: string | string[]; enum?: unknown[] };
    const allowsNull = [property.type].flat().includes('null') || (property.enum ?? []).includes(null);
    assert.equal(allowsNull, nullable, `${name} allows null exactly when nullable`);
  }
});

test('the QuestDB CREATE TABLE declares every column, and an empty table gets every one added', () => {
  const statement = createTableStatement('signals', 400);
  for (const name of jsonNames) assert.match(statement, new RegExp(`\\b${name} [A-Z]+\\b`), name);
  assert.deepEqual(
    planColumns([]).add.map(({ name }) => name),
    jsonNames,
  );
});
