import type dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { version } from '../version.ts';
import type { Target } from '../config/config.ts';
import { listPatternConditions } from '../check/list-pattern-conditions.ts';
import { needsResponseBody } from '../config/read-expect.ts';
import { readProbeKind } from '../config/target-url.ts';
import { probeDns } from './probe-dns.ts';
import { probeTcp } from './probe-tcp.ts';
import { redactUrl } from '../config/public-url.ts';
import { readBodyText, type Observation } from './observation.ts';
import { createPatternMatcher, type PatternMatcher } from './pattern-matcher.ts';
import { createRequestSender, isRedirectStatus, type Deadline, type HopResult } from './send-request.ts';

/** Options of createProber; every one has a default. */
export interface ProberOptions {
  /** Wall clock for `startedAt` (epoch ms). Durations use performance.now(), which never jumps. */
  readonly now?: () => number;
  /** Name resolution; injected so tests can make DNS fail or point a name at loopback. */
  readonly lookup?: typeof dns.lookup;
  /** Runs the targets' RE2 patterns off the main thread. */
  readonly patternMatcher?: PatternMatcher;
}

/** Probes HTTP(S) targets; `probe` always resolves, failures are Observations with `error` set. */
export interface Prober {
  probe(target: Target): Promise<Observation>;
}

const maxRedirects = 10; // the limit; real sites need two or three, a loop hits it fast
const userAgent = `upbeat/${version}`;
// Credentials meant for one origin must not follow a redirect to another (as fetch and curl do).
const originBoundHeaders = new Set(['authorization', 'cookie', 'proxy-authorization']);

/** Creates a prober: one fresh connection per request, one deadline per probe, redirects followed. */
export function createProber(options: ProberOptions = {}): Prober {
  const now = options.now ?? Date.now;
  const sendRequest = createRequestSender({
    lookup: options.lookup as LookupFunction | undefined,
  });
  const patternMatcher = options.patternMatcher ?? createPatternMatcher();
  // Targets whose server answered HEAD with 405/501: they are probed with GET from then on.
  const headRejectedBy = new Set<string>();
  // Targets are frozen config objects probed again and again; their headers are built once.
  const headersByTarget = new WeakMap<Target, Record<string, string>>();

  /** Sends `method` to the target's URL and follows redirects, all within `deadline`. */
  async function followRedirects(target: Target, method: string, deadline: Deadline) {
    let url = new URL(target.url);
    let headers = readHeaders(target);
    for (let redirects = 0; ; redirects += 1) {
      const hop = await sendRequest(
        {
          url,
          method,
          headers,
          insecure: target.insecure,
          // A redirect that turned the request into a GET (303, or 301/302 after POST) drops the body.
          body: method === 'GET' || method === 'HEAD' ? undefined : target.body,
          maxBodyBytes: target.maxBodyBytes,
          keepBody: needsResponseBody(target.expect),
        },
        deadline,
      );
      if (hop.error || !isRedirectStatus(hop.status) || hop.location === undefined) {
        return { hop, method, redirects };
      }
      if (redirects === maxRedirects) {
        return { hop: failHop(hop, 'redirects', `more than ${maxRedirects} redirects`), method, redirects };
      }
      const next = URL.canParse(hop.location, url) ? new URL(hop.location, url) : undefined;
      if (next === undefined || (next.protocol !== 'http:' && next.protocol !== 'https:')) {
        return {
          hop: failHop(hop, 'invalid_response', `unusable redirect Location: ${redactUrl(hop.location)}`),
          method,
          redirects,
        };
      }
      if (next.origin !== url.origin) headers = dropOriginBoundHeaders(headers);
      method = methodAfterRedirect(hop.status, method);
      url = next;
    }
  }

  function readHeaders(target: Target): Record<string, string> {
    let headers = headersByTarget.get(target);
    if (headers === undefined) {
      const setsUserAgent = Object.keys(target.headers).some((name) => name.toLowerCase() === 'user-agent');
      headers = setsUserAgent ? { ...target.headers } : { 'user-agent': userAgent, ...target.headers };
      headersByTarget.set(target, headers);
    }
    return headers;
  }

  /** The outcome of each of the target's patterns on this response, within the time the probe has left. */
  async function runPatterns(target: Target, hop: HopResult, timeLeftMs: number) {
    const patterns = listPatternConditions(target.expect);
    if (patterns.length === 0) return undefined;
    const bodyText = hop.body ? readBodyText(hop.body) : '';
    const jobs = patterns.map(({ pattern, subject }) => ({
      pattern,
      text: subject === 'body' ? bodyText : (hop.headers?.[subject.header] ?? ''),
    }));
    return patternMatcher.match(jobs, timeLeftMs);
  }

  async function probe(target: Target): Promise<Observation> {
    const kind = readProbeKind(target.url);
    if (kind === 'tcp')
      return probeTcp(target, { now, lookup: options.lookup as LookupFunction | undefined });
    if (kind === 'dns') return probeDns(target, now);
    const startedAt = now();
    const start = performance.now();
    const deadline: Deadline = { expired: false, current: undefined };
    const timer = setTimeout(() => {
      deadline.expired = true;
      deadline.current?.destroy();
    }, target.timeoutMs);
    try {
      const askedMethod = target.method.toUpperCase();
      const firstMethod = askedMethod === 'HEAD' && headRejectedBy.has(target.name) ? 'GET' : askedMethod;
      let outcome = await followRedirects(target, firstMethod, deadline);
      if (firstMethod === 'HEAD' && isHeadRejection(outcome.hop)) {
        headRejectedBy.add(target.name);
        outcome = await followRedirects(target, 'GET', deadline);
      }
      const { hop, method, redirects } = outcome;
      const patternOutcomes = hop.error
        ? undefined
        : await runPatterns(target, hop, target.timeoutMs - (performance.now() - start));
      return {
        startedAt,
        httpStatus: hop.status,
        latencyMs: performance.now() - start,
        timings: hop.timings,
        ...(hop.error && { error: hop.error, detail: hop.detail }),
        method,
        redirects,
        ...(hop.certificateExpiresAt !== undefined && { certificateExpiresAt: hop.certificateExpiresAt }),
        ...(hop.headers && { headers: hop.headers }),
        ...(hop.body && { body: hop.body }),
        ...(patternOutcomes && { patternOutcomes }),
      };
    } catch (error) {
      // Nothing above should throw (a bad target URL is the one known case); a probe still never rejects.
      const detail = error instanceof Error ? error.message : String(error);
      return {
        startedAt,
        httpStatus: -1,
        latencyMs: performance.now() - start,
        timings: {},
        error: 'invalid_response',
        detail,
        method: target.method,
        redirects: 0,
      };
    } finally {
      clearTimeout(timer);
    }
  }

  return { probe };
}

/** RFC 9110 15.4: 303 turns anything but HEAD into GET; 301/302 after POST do so too, as every client does. */
function methodAfterRedirect(status: number, method: string): string {
  if (status === 303 && method !== 'HEAD') return 'GET';
  if ((status === 301 || status === 302) && method === 'POST') return 'GET';
  return method;
}

/** 405 Method Not Allowed and 501 Not Implemented are how servers say they don't do HEAD. */
function isHeadRejection(hop: HopResult): boolean {
  return hop.error === undefined && (hop.status === 405 || hop.status === 501);
}

function failHop(hop: HopResult, error: 'redirects' | 'invalid_response', detail: string): HopResult {
  return { ...hop, error, detail };
}

function dropOriginBoundHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !originBoundHeaders.has(name.toLowerCase())),
  );
}
