/** The API's OpenAPI 3.1 description, served at `/api/openapi.json`. Kept beside the routes it describes. */
import { signalColumnList, type SignalColumn } from '../signal-columns.ts';
import { states } from '../signal.ts';
import { announcementSchema, incidentRecordSchema, incidentsPath } from './openapi-incidents.ts';

const nullable = (type: string) => ({ type: [type, 'null'] });
/** A column's schema in a record, with null allowed where the column may be null. */
function recordFieldSchema({ schema, nullable: mayBeNull }: SignalColumn) {
  if (!mayBeNull) return schema;
  if (schema.enum) return { ...schema, enum: [...schema.enum, null] };
  return { ...schema, type: [schema.type, 'null'] };
}

const signalRecordProperties = Object.fromEntries(
  signalColumnList.map((column) => [column.name, recordFieldSchema(column)]),
);

// Every field is always sent (null when unknown), so all of them are required.
const signalRecord = {
  type: 'object',
  required: Object.keys(signalRecordProperties),
  properties: signalRecordProperties,
};

const bucketSeries = {
  type: 'object',
  description:
    'equal-width buckets, oldest first; bucket i covers [start + i*step_ms, start + (i+1)*step_ms)',
  properties: {
    start: { type: 'integer', description: 'epoch ms' },
    step_ms: { type: 'integer' },
    checks: { type: 'array', items: { type: 'integer' } },
    up: { type: 'array', items: { type: 'integer' } },
    latency_ms: { type: 'array', items: nullable('number') },
    latency_stat: { enum: ['p95', 'avg'] },
  },
};

const uptime = nullable('number');
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'upbeat',
    version: '1',
    description: 'Probe results and status of the targets upbeat watches.',
  },
  paths: {
    '/api/signals': {
      get: {
        summary: "Recent signals per target, oldest first (the original tutorial's shape)",
        parameters: [
          {
            name: 'limit',
            in: 'query',
            schema: { type: 'integer', minimum: 1, maximum: 10000, default: 60 },
          },
          { name: 'target', in: 'query', schema: { type: 'string' }, description: 'only this target' },
        ],
        responses: {
          200: {
            description: 'one entry per target',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      url: { type: 'string' },
                      target: { type: 'string' },
                      records: { type: 'array', items: { $ref: '#/components/schemas/SignalRecord' } },
                    },
                  },
                },
              },
            },
          },
          400: errorResponse('bad limit'),
          404: errorResponse('unknown target'),
          503: errorResponse('the history store cannot answer (QuestDB down or starting)'),
        },
      },
    },
    '/api/incidents': {
      get: {
        ...incidentsPath.get,
        responses: {
          ...incidentsPath.get.responses,
          400: errorResponse('bad from, to, target or limit'),
          404: errorResponse('unknown target'),
          503: errorResponse('the history store cannot answer (QuestDB down or starting)'),
        },
      },
    },
    '/api/status': {
      get: {
        summary: 'Current state, uptime, latency and hourly/daily buckets of every target (ETag, br/gzip)',
        responses: {
          200: {
            description: 'status document',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    title: { type: 'string' },
                    description: nullable('string'),
                    logo_url: nullable('string'),
                    generated_at: { type: 'string', format: 'date-time' },
                    overall: {
                      enum: ['operational', 'degraded', 'partial_outage', 'major_outage', 'unknown'],
                    },
                    announcements: {
                      type: 'array',
                      description: 'from the config, newest first; plain text',
                      items: { $ref: '#/components/schemas/Announcement' },
                    },
                    targets: { type: 'array', items: { $ref: '#/components/schemas/TargetStatus' } },
                  },
                },
              },
            },
          },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
        },
      },
    },
    '/api/events': {
      get: {
        summary:
          'Server-sent events: `hello` on connect, then a `target` event (a TargetStatus) per new signal',
        responses: { 200: { description: 'text/event-stream' } },
      },
    },
    '/feed.atom': {
      get: {
        summary:
          'Atom 1.0 feed: incidents (one entry each, updated when resolved), maintenance windows, announcements (ETag)',
        responses: {
          200: { description: 'application/atom+xml' },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
        },
      },
    },
    '/healthz': { get: { summary: 'The process is alive', responses: { 200: { description: 'ok' } } } },
    '/readyz': {
      get: {
        summary: 'The history store is reachable',
        responses: { 200: { description: 'ready' }, 503: { description: 'not ready, with detail' } },
      },
    },
    '/metrics': {
      get: { summary: 'Prometheus metrics', responses: { 200: { description: 'text exposition' } } },
    },
  },
  components: {
    schemas: {
      Error: error,
      SignalRecord: signalRecord,
      Incident: incidentRecordSchema,
      Announcement: announcementSchema,
      BucketSeries: bucketSeries,
      TargetStatus: {
        type: 'object',
        properties: {
          name: { type: 'string' },
          url: { type: 'string' },
          state: { enum: [...states, 'unknown'] },
          last: { oneOf: [{ $ref: '#/components/schemas/SignalRecord' }, { type: 'null' }] },
          uptime: {
            type: 'object',
            description: 'percent of available checks; 24h from hourly buckets, 7d/30d/90d from UTC days',
            properties: { '24h': uptime, '7d': uptime, '30d': uptime, '90d': uptime },
          },
          latency: { type: 'object', properties: { p50_ms: nullable('number'), p95_ms: nullable('number') } },
          certificate_expires_at: {
            type: ['string', 'null'],
            format: 'date-time',
            description:
              'expiry of the leaf certificate seen by the newest HTTPS probe; null for http or not yet seen',
          },
          hours: { $ref: '#/components/schemas/BucketSeries' },
          days: { $ref: '#/components/schemas/BucketSeries' },
        },
      },
    },
  },
} as const;
