import { instantSchema } from './parse-instant.ts';
import { maxLimit, rowBudget } from './signals-query.ts';

/** The API's OpenAPI 3.1 description, served at `/api/openapi.json`. Kept beside the routes it describes. */
import { signalColumnList, type SignalColumn } from '../signal-columns.ts';
import { states } from '../signal.ts';
import { announcementSchema, incidentRecordSchema, incidentsPath } from './openapi-incidents.ts';
import { badgeColors } from '../badge/render-flat-badge.ts';

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
  required: ['start', 'step_ms', 'checks', 'up', 'latency_ms', 'latency_stat'],
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
const uptimeFigures = {
  type: 'object',
  description:
    'Probes in a maintenance window count neither as up nor as down (the SLA convention): they are excluded from checks, up, uptime_percent and the latencies, and reported in maintenance_checks and maintenance_ms.',
  required: [
    'checks',
    'up',
    'uptime_percent',
    'downtime_ms',
    'latency_mean_ms',
    'latency_max_ms',
    'maintenance_checks',
    'maintenance_ms',
  ],
  properties: {
    checks: { type: 'integer', description: 'probes outside maintenance' },
    up: { type: 'integer', description: 'checks that were available' },
    uptime_percent: { ...nullable('number'), description: 'up / checks, to 3 decimals; null without checks' },
    downtime_ms: {
      ...nullable('integer'),
      description:
        "the span's length times the share of its probes (maintenance included) that failed; null without probes",
    },
    latency_mean_ms: { ...nullable('number'), description: 'over the checks; null without checks' },
    latency_max_ms: { ...nullable('number'), description: 'over the checks; null without checks' },
    maintenance_checks: { type: 'integer', description: 'probes in a maintenance window, excluded' },
    maintenance_ms: {
      ...nullable('integer'),
      description: "the span's length times the share of its probes in maintenance; null without probes",
    },
  },
};
const error = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };
const json = (schema: object) => ({ 'application/json': { schema } });
const errorResponse = (description: string) => ({
  description,
  content: json({ $ref: '#/components/schemas/Error' }),
});
// Outside /api/ a path or method upbeat does not serve is a plain-text 404.
const notFoundText = {
  description: 'not served (another method or path)',
  content: { 'text/plain': { schema: { type: 'string' } } },
};
const cacheControl = (description: string) => ({
  'Cache-Control': { description, schema: { type: 'string' } },
});

const signalsOperation = (operationId: string, summary: string) => ({
  operationId,
  summary,
  description:
    'Without from, to and cursor: the newest `limit` signals of each target. With any of them: the signals with from <= received < to, at most `limit` rows a page (default 1000, at most 10000), the next page named by a `Link: <...>; rel="next"` header while there is one.',
  parameters: [
    {
      name: 'limit',
      in: 'query',
      description:
        `newest records per target (default 60), or rows per page with from/to/cursor (default 1000). ` +
        `Without a range, limit x the targets covered must not exceed ` +
        `${rowBudget} records (one target with target=); without limit, 60 is lowered to fit`,
      schema: { type: 'integer', minimum: 1, maximum: maxLimit, default: 60 },
    },
    { name: 'target', in: 'query', schema: { type: 'string' }, description: 'only this target' },
    {
      name: 'from',
      in: 'query',
      schema: instantSchema,
      description: 'range start, inclusive (default: oldest kept)',
    },
    { name: 'to', in: 'query', schema: instantSchema, description: 'range end, exclusive (default: now)' },
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
        ...cacheControl('public, max-age=5'),
        Link: {
          description: 'range requests: `<url>; rel="next"` while more pages follow',
          schema: { type: 'string' },
        },
        ETag: {
          description:
            'the newest signals when answered from memory (SQLite store, limit within what it keeps): send it back in If-None-Match',
          schema: { type: 'string' },
        },
      },
      content: {
        'text/csv': {
          schema: { type: 'string', description: 'a header line of field names, then one line per signal' },
        },
        ...json({
          type: 'array',
          items: {
            type: 'object',
            required: ['url', 'target', 'records'],
            properties: {
              url: { type: 'string' },
              target: { type: 'string' },
              records: { type: 'array', items: { $ref: '#/components/schemas/SignalRecord' } },
            },
          },
        }),
      },
    },
    400: errorResponse(
      `bad limit, from, to, cursor or format, or limit x targets over the ${rowBudget}-record budget`,
    ),
    304: { description: 'not modified since the ETag sent in If-None-Match' },
    404: errorResponse('unknown target'),
    503: errorResponse('the history store cannot answer (QuestDB down or starting)'),
  },
});

const badgeFormats = {
  svg: {
    description: 'a flat badge (shields.io style)',
    content: { 'image/svg+xml': { schema: { type: 'string' } } },
  },
  json: {
    description: "shields.io's endpoint JSON, for https://img.shields.io/endpoint?url=...",
    content: json({ $ref: '#/components/schemas/ShieldsEndpoint' }),
  },
} as const;
const badgeKinds = [
  { path: 'status', id: 'Status', summary: "the target's state" },
  { path: 'uptime/{window}', id: 'Uptime', summary: 'uptime % over a window' },
  { path: 'latency', id: 'Latency', summary: 'median latency over 24 hours' },
] as const;
const badgePaths = Object.fromEntries(
  badgeKinds.flatMap((kind) =>
    (['svg', 'json'] as const).map((format) => [
      `/badge/{target}/${kind.path}.${format}`,
      {
        get: {
          operationId: `get${kind.id}Badge${format === 'svg' ? 'Svg' : 'Json'}`,
          summary: `Badge: ${kind.summary}, from memory (ETag, cached 60 s)`,
          parameters: [
            { name: 'target', in: 'path', required: true, schema: { type: 'string' } },
            ...(kind.path.includes('{window}')
              ? [
                  {
                    name: 'window',
                    in: 'path',
                    required: true,
                    schema: { enum: ['24h', '7d', '30d', '90d'] },
                  },
                ]
              : []),
          ],
          responses: {
            200: {
              ...badgeFormats[format],
              headers: { ...cacheControl('public, max-age=60'), ETag: { schema: { type: 'string' } } },
            },
            304: { description: 'not modified since the ETag sent in If-None-Match' },
            404: errorResponse('unknown target or badge'),
          },
        },
      },
    ]),
  ),
);

export const openApiDocument = {
  openapi: '3.1.0',
  info: {
    title: 'upbeat',
    version: '1',
    description: 'Probe results and status of the targets upbeat watches.',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  // relative: the document is served by the upbeat it describes, wherever that runs
  servers: [{ url: '/' }],
  // the status page's API is public on purpose: no authentication anywhere
  security: [],
  paths: {
    '/api/signals': {
      get: signalsOperation(
        'listSignals',
        "Recent signals per target, oldest first (the original tutorial's shape)",
      ),
    },
    '/signals': {
      get: signalsOperation(
        'listSignalsTutorialPath',
        "The same as /api/signals under the original tutorial's path",
      ),
    },
    '/api/uptime': {
      get: {
        operationId: 'getUptime',
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
            schema: instantSchema,
            description: 'inclusive; default: 30 days before to; not before retention',
          },
          {
            name: 'to',
            in: 'query',
            schema: instantSchema,
            description: 'exclusive; default and latest: now',
          },
          {
            name: 'step',
            in: 'query',
            schema: { enum: ['hour', 'day', 'none'], default: 'none' },
            description: 'UTC hours, UTC days, or the whole range',
          },
        ],
        responses: {
          200: {
            description:
              'figures per target: the whole range and each step (computed at most once a second per query)',
            headers: {
              ...cacheControl('no-cache: revalidate with the ETag'),
              ETag: { schema: { type: 'string' } },
            },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/UptimeReport' } } },
          },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
          400: errorResponse('bad from, to, step, or too many buckets'),
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
        operationId: 'getStatus',
        summary: 'Current state, uptime, latency and hourly/daily buckets of every target (ETag, br/gzip)',
        responses: {
          200: {
            description: 'status document',
            content: json({
              type: 'object',
              required: [
                'title',
                'description',
                'logo_url',
                'generated_at',
                'overall',
                'recording',
                'announcements',
                'targets',
              ],
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
                recording: {
                  type: 'boolean',
                  description:
                    'false while the history store refuses writes (disk full, read-only): probes go on but are not kept',
                },
                targets: { type: 'array', items: { $ref: '#/components/schemas/TargetStatus' } },
              },
            }),
          },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
          404: errorResponse('another method than GET or HEAD'),
        },
      },
    },
    '/api/events': {
      get: {
        operationId: 'streamEvents',
        summary:
          'Server-sent events: `hello` on connect, then at most one `targets` event per second ({"targets": [...]}: every target that changed, as its TargetStatus with hours/days replaced by the current buckets hour/day), and a `:` comment every 25 s',
        responses: {
          200: {
            description:
              '`event: hello` (data: {"version": n}), then `event: targets` (data: {"targets": [...]})',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          503: {
            description:
              'too many open streams (live.maxStreams): poll /api/status with If-None-Match instead; Retry-After says when to try again',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
          404: errorResponse('another method than GET or HEAD'),
        },
      },
    },
    '/api/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This document',
        responses: {
          200: { description: 'OpenAPI 3.1', content: json({ type: 'object' }) },
          404: errorResponse('another method than GET or HEAD'),
        },
      },
    },
    ...badgePaths,
    '/': {
      get: {
        operationId: 'getStatusPage',
        summary: 'The status page (HTML, rendered from the same summary as /api/status)',
        responses: {
          200: { description: 'the page', content: { 'text/html': { schema: { type: 'string' } } } },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
          404: notFoundText,
        },
      },
    },
    '/healthz': {
      get: {
        operationId: 'getHealth',
        summary: 'The process is alive',
        responses: {
          200: {
            description: 'ok',
            content: json({
              type: 'object',
              required: ['status'],
              properties: { status: { const: 'ok' } },
            }),
          },
          404: notFoundText,
        },
      },
    },
    '/feed.atom': {
      get: {
        operationId: 'getFeed',
        summary:
          'Atom 1.0 feed: incidents (one entry each, updated when resolved), maintenance windows, announcements (ETag)',
        responses: {
          200: {
            description: 'the feed',
            content: { 'application/atom+xml': { schema: { type: 'string' } } },
          },
          304: { description: 'not modified since the ETag sent in If-None-Match' },
          404: notFoundText,
        },
      },
    },
    '/readyz': {
      get: {
        operationId: 'getReadiness',
        summary: 'The history store is reachable',
        responses: {
          200: { description: 'ready', content: json({ $ref: '#/components/schemas/Readiness' }) },
          503: {
            description: 'not ready: detail says what upbeat waits for',
            content: json({ $ref: '#/components/schemas/Readiness' }),
          },
          404: notFoundText,
        },
      },
    },
    '/metrics': {
      get: {
        operationId: 'getMetrics',
        summary: 'Prometheus metrics',
        responses: {
          200: {
            description:
              'Prometheus text exposition 0.0.4 (Content-Type: text/plain; version=0.0.4; charset=utf-8)',
            content: { 'text/plain': { schema: { type: 'string' } } },
          },
          404: notFoundText,
        },
      },
    },
  },
  components: {
    schemas: {
      Error: error,
      Readiness: {
        type: 'object',
        required: ['ready', 'detail'],
        properties: { ready: { type: 'boolean' }, detail: nullable('string') },
      },
      ShieldsEndpoint: {
        type: 'object',
        required: ['schemaVersion', 'label', 'message', 'color'],
        properties: {
          schemaVersion: { const: 1 },
          label: { type: 'string' },
          message: { type: 'string' },
          color: { enum: Object.keys(badgeColors) },
        },
      },
      SignalRecord: signalRecord,
      Incident: incidentRecordSchema,
      Announcement: announcementSchema,
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
        required: [
          'name',
          'url',
          'state',
          'last',
          'uptime',
          'latency',
          'certificate_expires_at',
          'hours',
          'days',
        ],
        properties: {
          name: { type: 'string' },
          group: {
            type: ['string', 'null'],
            description:
              "the target's `group` from the config (page sections, in config order); null when none",
          },
          url: { type: 'string' },
          state: { enum: [...states, 'unknown'] },
          last: { oneOf: [{ $ref: '#/components/schemas/SignalRecord' }, { type: 'null' }] },
          uptime: {
            type: 'object',
            description: 'percent of available checks; 24h from hourly buckets, 7d/30d/90d from UTC days',
            required: ['24h', '7d', '30d', '90d'],
            properties: { '24h': uptime, '7d': uptime, '30d': uptime, '90d': uptime },
          },
          latency: {
            type: 'object',
            required: ['p50_ms', 'p95_ms'],
            properties: { p50_ms: nullable('number'), p95_ms: nullable('number') },
          },
          certificate_expires_at: {
            type: ['string', 'null'],
            format: 'date-time',
            description:
              'expiry of the leaf certificate seen by the newest HTTPS probe; null for http or not yet seen',
          },
          detail: {
            type: ['string', 'null'],
            description:
              'what the newest probe found wrong: the failed condition and what was seen (cut to 80 characters), or the probe error; null when up',
          },
          hours: { $ref: '#/components/schemas/BucketSeries' },
          days: { $ref: '#/components/schemas/BucketSeries' },
        },
      },
    },
  },
} as const;
