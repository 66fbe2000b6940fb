import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Hono } from 'hono';
import SwaggerParser from '@apidevtools/swagger-parser';
import { openApiDocument } from './openapi.ts';
import { checkedAgainstOpenApi } from './openapi-contract.testkit.ts';

type Operation = { operationId?: string; responses: Record<string, unknown> };
const operations = Object.entries(openApiDocument.paths).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
    path,
    method,
    operation,
  })),
);

test('swagger-parser accepts the document as OpenAPI 3.1', async () => {
  // validate() dereferences in place: give it a copy
  await SwaggerParser.validate(structuredClone(openApiDocument) as never);
});

test('the API is open on purpose: root security is empty', () => {
  assert.deepEqual(openApiDocument.security, []);
});

test('every operation has a unique operationId and documents a 4xx', () => {
  const ids = operations.map(({ operation }) => operation.operationId);
  assert.ok(
    ids.every((id) => typeof id === 'string' && id.length > 0),
    JSON.stringify(ids),
  );
  assert.equal(new Set(ids).size, ids.length);
  for (const { path, method, operation } of operations) {
    assert.ok(
      Object.keys(operation.responses).some((status) => status.startsWith('4')),
      `${method} ${path} documents no 4xx`,
    );
  }
});

test('every object schema lists its required properties', () => {
  const missing: string[] = [];
  const visit = (node: unknown, where: string) => {
    if (Array.isArray(node)) return node.forEach((item, i) => visit(item, `${where}/${i}`));
    if (typeof node !== 'object' || node === null) return;
    const schema = node as Record<string, unknown>;
    if (schema.type === 'object' && schema.properties && !Array.isArray(schema.required)) missing.push(where);
    for (const [key, value] of Object.entries(schema)) visit(value, `${where}/${key}`);
  };
  visit(openApiDocument, '#');
  assert.deepEqual(missing, []);
});

test('the contract check fails a body that does not match the document', async () => {
  const app = new Hono();
  app.get('/api/openapi.json', (c) => c.json(openApiDocument));
  app.get('/healthz', (c) => c.json({ status: 'fine' }));
  app.get('/readyz', (c) => c.json({ ready: true }, 200));
  app.get('/metrics', (c) => c.json({}, 418));
  const checked = checkedAgainstOpenApi(app);
  await assert.rejects(
    async () => checked.request('/healthz'),
    /GET \/healthz -> 200: body does not match.*status/,
  );
  await assert.rejects(async () => checked.request('/readyz'), /must have required property 'detail'/);
  await assert.rejects(
    async () => checked.request('/metrics'),
    /GET \/metrics -> 418: status not documented/,
  );
});
