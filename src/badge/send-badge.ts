import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { renderFlatBadge, type BadgeFace } from './render-flat-badge.ts';

// Short enough that a README shows a change within a minute, long enough that GitHub's image proxy
// and browsers do not ask on every view.
const maxAgeSeconds = 60;

/** shields.io's "endpoint" JSON: shields renders it in any of its styles. */
export function toShieldsEndpoint(face: BadgeFace) {
  return { schemaVersion: 1, label: face.label, message: face.message, color: face.color };
}

/** Sends a badge as SVG or as shields.io endpoint JSON, with an ETag (304 when it still matches). */
export function sendBadge(c: Context, face: BadgeFace, format: 'svg' | 'json'): Response {
  const body = format === 'svg' ? renderFlatBadge(face) : JSON.stringify(toShieldsEndpoint(face));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('ETag', etag);
  c.header('Cache-Control', `public, max-age=${maxAgeSeconds}`);
  const ifNoneMatch = c.req.header('If-None-Match');
  if (ifNoneMatch && ifNoneMatch.split(/\s*,\s*/).includes(etag)) return c.body(null, 304);
  c.header(
    'Content-Type',
    format === 'svg' ? 'image/svg+xml; charset=utf-8' : 'application/json; charset=utf-8',
  );
  return c.body(body);
}
