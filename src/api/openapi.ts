/** The API's OpenAPI 3.1 description, served at `/api/openapi.json`. Kept beside the routes it describes. */
import { signalColumnList, type SignalColumn } from '../signal-columns.ts';
import { states } from '../signal.ts';

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
/** ISO 8601 (no zone: UTC) or epoch milliseconds. */
const instant = {
  anyOf: [
    { type: 'string', format: 'date-time' },
    { type: 'string', format: 'date' },
    { type: 'string', pattern: '^\\d{1,15}$' },
  ],
};
const uptimeFigures = {
  type: 'object',
  required: ['checks', 'up', 'uptime_percent', 'downtime_ms', 'latency_mean_ms', 'latency_max_ms'],
  properties: {
    checks: { type: 'integer' },
    up: { type: 'integer', description: 'checks that were available' },
    uptime_percent: { ...nullable('number'), description: 'up / checks, to 3 decimals; null without checks' },
    downtime_ms: {
      ...nullable('integer'),
      description: "the span's length times the share of failed checks; null without checks",
    },
    latency_mean_ms: nullable('number'),
    latency_max_ms: nullable('number'),
  },
};
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
        summary:
          "Recent signals per target, or a range page by page, oldest first (the original tutorial's shape)",
        description:
          'Without from, to and cursor: the newest `limit` signals of each target. With any of them: the signals with from <= received < to, at most `limit` rows a page (default 1000, at most 10000), the next page named by a `Link: <...>; rel="next"` header while there is one.',
        parameters: [
          {
            name: 'limit',
            in: 'query',
            description: 'per target (newest), or rows per page (range; default 1000)',
            schema: { type: 'integer', minimum: 1, maximum: 10000, default: 60 },
          },
          { name: 'target', in: 'query', schema: { type: 'string' }, description: 'only this target' },
          {
            name: 'from',
            in: 'query',
            schema: instant,
            description: 'range start, inclusive (default: oldest kept)',
          },
          { name: 'to', in: 'query', schema: instant, description: 'range end, exclusive (default: now)' },
          {
            name: 'cursor',
            in: 'query',
            schema: { type: 'string', pattern: '^\\d+\\.\\d+$' },
            description: "the next page, as given in the previous page's Link header",
          },
          {
            name: 'format',
            in: 'query',
            schema: { enum: ['json', 'csv'] },
            description: 'csv: one line per signal, oldest first (also chosen by Accept: text/csv)',
          },
        ],
        responses: {
          200: {
            description: 'one entry per target',
            headers: {
              Link: {
                description: 'range requests: `<url>; rel="next"` while more pages follow',
                schema: { type: 'string' },
              },
            },
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                  description: 'a header line of field names, then one line per signal',
                },
              },
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
          400: errorResponse('bad limit, from, to, cursor or format'),
          404: errorResponse('unknown target'),
          503: errorResponse('the history store cannot answer (QuestDB down or starting)'),
        },
      },
    },
    '/api/uptime': {
      get: {
        summary: 'Exact uptime, downtime and latency per target over any range inside retention',
        description:
          'Whole hours come from the hourly rollups, partial hours at the edges from the raw signals. At most 20000 step buckets over all targets in one response.',
        parameters: [
          {
            name: 'target',
            in: 'query',
            schema: { type: 'string' },
            description: 'only this target (default: every configured one)',
          },
          {
            name: 'from',
            in: 'query',
            schema: instant,
            description: 'inclusive; default: 30 days before to; not before retention',
          },
          { name: 'to', in: 'query', schema: instant, description: 'exclusive; default and latest: now' },
          {
            name: 'step',
            in: 'query',
            schema: { enum: ['hour', 'day', 'none'], default: 'none' },
            description: 'UTC hours, UTC days, or the whole range',
          },
        ],
        responses: {
          200: {
            description: 'figures per target: the whole range and each step',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/UptimeReport' } } },
          },
          400: errorResponse('bad from, to, step, or too many buckets'),
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
      BucketSeries: bucketSeries,
      UptimeFigures: uptimeFigures,
      UptimeReport: {
        type: 'object',
        required: ['from', 'to', 'step', 'targets'],
        properties: {
          from: { type: 'string', format: 'date-time' },
          to: { type: 'string', format: 'date-time' },
          step: { enum: ['hour', 'day', 'none'] },
          targets: {
            type: 'array',
            items: {
              type: 'object',
              required: ['target', 'total', 'steps'],
              properties: {
                target: { type: 'string' },
                total: { $ref: '#/components/schemas/UptimeFigures' },
                steps: {
                  type: 'array',
                  description:
                    'every step of the range, oldest first, clipped to it; empty ones have 0 checks',
                  items: {
                    allOf: [
                      { $ref: '#/components/schemas/UptimeFigures' },
                      {
                        type: 'object',
                        required: ['start', 'end'],
                        properties: {
                          start: { type: 'string', format: 'date-time' },
                          end: { type: 'string', format: 'date-time' },
                        },
                      },
                    ],
                  },
                },
              },
            },
          },
        },
      },
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
