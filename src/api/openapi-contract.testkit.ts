/**
 * Test support: checks responses against the OpenAPI document the app itself serves, so the
 * document cannot drift from what the routes send. Every status must be documented for its path
 * and method, and every JSON body must match the documented schema (ajv, JSON Schema 2020-12).
 */
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

interface OpenApiDocument {
  paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
}

/** Something that answers requests the way a Hono app does. */
interface RequestHandler {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

/** Escapes a JSON pointer segment (RFC 6901). */
const pointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');

/** The document's path template a concrete path matches (`/badge/{target}/status.svg`). */
function findTemplate(document: OpenApiDocument, path: string): string | undefined {
  return Object.keys(document.paths).find((template) => {
    const pattern = template
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('[^/]+');
    return new RegExp(`^${pattern}$`).test(path);
  });
}

/**
 * Wraps an app so that every response its `request` returns is first checked against
 * `/api/openapi.json` as served by the same app; a mismatch fails the test that made the request.
 */
export function checkedAgainstOpenApi<App extends RequestHandler>(app: App): App {
  let validator: Promise<{ document: OpenApiDocument; ajv: Ajv2020 }> | undefined;
  const load = async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
    // strict off: the document around the schemas holds OpenAPI keywords ajv does not know
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema(document, 'openapi');
    return { document, ajv };
  };

  async function check(input: string, init: RequestInit | undefined, response: Response): Promise<void> {
    const { document, ajv } = await (validator ??= load());
    const path = new URL(input, 'http://localhost').pathname;
    const method = (init?.method ?? 'GET').toLowerCase();
    const where = `${method.toUpperCase()} ${input} -> ${response.status}`;
    const template = findTemplate(document, path);
    if (template === undefined && response.status === 404) return; // an unknown path: nothing to document
    assert.ok(template, `${where}: path not in the OpenAPI document`);
    const operation = document.paths[template]![method === 'head' ? 'get' : method];
    assert.ok(operation, `${where}: method not in the OpenAPI document`);
    const statusKey = [String(response.status), `${String(response.status)[0]}XX`, 'default'].find(
      (key) => key in operation.responses,
    );
    assert.ok(statusKey, `${where}: status not documented`);
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim();
    if (!contentType || response.status === 304 || method === 'head') return;
    const content = operation.responses[statusKey]!.content ?? {};
    assert.ok(contentType in content, `${where}: ${contentType} not documented (${Object.keys(content)})`);
    if (contentType !== 'application/json') return;
    const ref = ['paths', template, 'get', 'responses', statusKey, 'content', contentType, 'schema']
      .map(pointer)
      .join('/');
    const validate = ajv.getSchema(`openapi#/${ref}`);
    assert.ok(validate, `${where}: no schema at ${ref}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    const encoding = response.headers.get('content-encoding');
    const text = (
      encoding === 'br' ? brotliDecompressSync(bytes) : encoding === 'gzip' ? gunzipSync(bytes) : bytes
    ).toString('utf8');
    const body: unknown = JSON.parse(text);
    assert.ok(validate(body), `${where}: body does not match the schema: ${ajv.errorsText(validate.errors)}`);
  }

  return new Proxy(app, {
    get(target, property, receiver) {
      if (property !== 'request') return Reflect.get(target, property, receiver);
      return async (input: string, init?: RequestInit) => {
        const response = await target.request(input, init);
        const isStream = response.headers.get('content-type')?.startsWith('text/event-stream');
        await check(input, init, isStream ? new Response(null, response) : response.clone());
        return response;
      };
    },
  });
}
