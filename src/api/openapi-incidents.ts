/** The OpenAPI descriptions of `/api/incidents` and of announcements (merged into openapi.ts). */
import { instantSchema } from './parse-instant.ts';
import { announcementSeverities } from '../announcements/announcement.ts';
import { incidentSeverity } from '../incidents/state-change.ts';
import { reasonLabels, reasons } from '../signal-reasons.ts';

/** One incident record; every field is always sent (null where the description says so). */
export const incidentRecordSchema = {
  type: 'object',
  required: [
    'target',
    'region',
    'severity',
    'worst_state',
    'start',
    'end',
    'ongoing',
    'duration_ms',
    'reason',
    'reason_text',
    'http_status',
    'failed_probes',
  ],
  properties: {
    target: { type: 'string' },
    region: { type: 'string', description: 'the upbeat instance (region) that saw it' },
    severity: {
      enum: Object.values(incidentSeverity),
      description: 'major when it reached down, minor when only degraded',
    },
    worst_state: { enum: Object.keys(incidentSeverity) },
    start: { type: 'string', format: 'date-time', description: 'the probe that opened it' },
    end: {
      type: ['string', 'null'],
      format: 'date-time',
      description: 'the probe that found it up again; null while ongoing',
    },
    ongoing: { type: 'boolean' },
    duration_ms: { type: 'integer', description: 'end - start, or now - start while ongoing' },
    reason: { enum: [...reasons, null], description: 'the reason of the probe that opened it' },
    reason_text: {
      type: ['string', 'null'],
      description: `the reason in words: ${reasons.map((reason) => reasonLabels[reason]).join(', ')}`,
    },
    http_status: {
      type: 'integer',
      description: 'of the probe that opened it; -1 when no response came back',
    },
    failed_probes: { type: 'integer', description: 'probes during it whose result was not plainly up' },
  },
} as const;

/** The `/api/incidents` path item. */
export const incidentsPath = {
  get: {
    operationId: 'listIncidents',
    summary: 'Incidents (a target down or degraded until up again) overlapping a time range, newest first',
    parameters: [
      { name: 'from', in: 'query', schema: instantSchema, description: 'default: 14 days before `to`' },
      { name: 'to', in: 'query', schema: instantSchema, description: 'default: now' },
      { name: 'target', in: 'query', schema: { type: 'string' }, description: 'only this target' },
      { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500, default: 50 } },
    ],
    responses: {
      200: {
        description: 'newest start first; ongoing ones included',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['incidents'],
              properties: {
                incidents: { type: 'array', items: { $ref: '#/components/schemas/Incident' } },
              },
            },
          },
        },
      },
    },
  },
} as const;

/** One announcement in `/api/status`. */
export const announcementSchema = {
  type: 'object',
  required: ['title', 'text', 'severity', 'date', 'resolved_at'],
  properties: {
    title: { type: 'string' },
    text: { type: ['string', 'null'] },
    severity: { enum: announcementSeverities },
    date: { type: 'string', format: 'date-time', description: 'when it was posted' },
    resolved_at: { type: ['string', 'null'], format: 'date-time', description: 'null while it stands' },
  },
} as const;
