import http from 'node:http';
import https from 'node:https';
import type { LookupFunction, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { classifyProbeError, describeProbeError } from './classify-probe-error.ts';
import type { Observation, ProbeError } from './observation.ts';

/**
 * The one deadline of a probe, shared by every request it sends (redirects, the HEAD fallback, the
 * body read). The probe's timer sets `expired` and destroys `current`.
 */
export interface Deadline {
  expired: boolean;
  current: http.ClientRequest | undefined;
}

/** One HTTP request of a probe: a single hop, no redirects followed. */
export interface Hop {
  readonly url: URL;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly insecure: boolean;
  /** Request body and its content type. */
  readonly body: { readonly text: string; readonly contentType: string } | undefined;
  /** Most response body bytes read before the socket is destroyed, so a huge response costs nothing. */
  readonly maxBodyBytes: number;
  /** Keep the bytes read (up to maxBodyBytes) for the check; otherwise they are counted and dropped. */
  readonly keepBody: boolean;
}

/** What one hop saw. `status` is -1 until response headers arrive, and stays set if the body then fails. */
export interface HopResult {
  readonly status: number;
  readonly location: string | undefined;
  readonly timings: Observation['timings'];
  readonly certificateExpiresAt: number | undefined;
  readonly error: ProbeError | undefined;
  readonly detail: string | undefined;
  /** Response headers, names lower-case, repeated ones joined with ", "; undefined until they arrive. */
  readonly headers: Readonly<Record<string, string>> | undefined;
  /** The first maxBodyBytes of the body, when the hop was asked to keep it and one came back. */
  readonly body: Buffer | undefined;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** True for the statuses whose Location a client follows. */
export function isRedirectStatus(status: number): boolean {
  return redirectStatuses.has(status);
}

// Reported when a socket closes before the response completed, without an error of its own.
const prematureClose = {
  code: 'ERR_STREAM_PREMATURE_CLOSE',
  message: 'connection closed before the response completed',
};

/** Options of createRequestSender. */
export interface RequestSenderOptions {
  readonly lookup: LookupFunction | undefined;
}

/**
 * Creates the function that sends one hop on a fresh connection and measures its phases.
 *
 * node:http rather than fetch/undici: fetch exposes neither the DNS/connect/TLS/first-byte phases nor
 * the peer certificate, and both are what a probe is for.
 */
export function createRequestSender({ lookup }: RequestSenderOptions) {
  // Shared agents that never keep a socket alive (every probe pays the real connect and TLS cost, as
  // Gatus measures it) and never resume a TLS session (which would hide the full handshake). Sharing
  // them avoids the Agent that `agent: false` would allocate per request.
  const httpAgent = new http.Agent({ keepAlive: false });
  const httpsAgent = new https.Agent({ keepAlive: false, maxCachedSessions: 0 });

  return function sendRequest(hop: Hop, deadline: Deadline): Promise<HopResult> {
    return new Promise((resolve) => {
      const startedAt = performance.now();
      let lookupAt: number | undefined;
      let connectAt: number | undefined;
      let secureAt: number | undefined;
      let responseAt: number | undefined;
      let status = -1;
      let location: string | undefined;
      let certificateExpiresAt: number | undefined;
      let response: http.IncomingMessage | undefined;
      let request: http.ClientRequest | undefined;
      let bodyBytes = 0;
      const bodyChunks: Buffer[] = [];
      let headers: Record<string, string> | undefined;
      let settled = false;

      // `failure` null means the hop completed; every path ends here exactly once and destroys the socket.
      const finish = (failure: unknown) => {
        if (settled) return;
        settled = true;
        deadline.current = undefined;
        request?.destroy();
        const failed = failure !== null;
        resolve({
          status,
          location,
          timings: measurePhases(startedAt, lookupAt, connectAt, secureAt, responseAt),
          certificateExpiresAt,
          error: !failed ? undefined : deadline.expired ? 'timeout' : classifyProbeError(failure),
          detail: !failed ? undefined : deadline.expired ? 'deadline exceeded' : describeProbeError(failure),
          headers,
          body:
            hop.keepBody && response ? Buffer.concat(bodyChunks).subarray(0, hop.maxBodyBytes) : undefined,
        });
      };
      // A close is a failure unless the whole response had already been parsed.
      const settleOnClose = () => finish(response?.complete ? null : prematureClose);
      const settleOnError = (error: unknown) => finish(response?.complete ? null : error);

      // The deadline passed between hops: finish() reports it as the timeout it is.
      if (deadline.expired) return finish(prematureClose);
      const isHttps = hop.url.protocol === 'https:';
      try {
        request = (isHttps ? https : http).request(hop.url, {
          method: hop.method,
          headers: hop.headers,
          agent: isHttps ? httpsAgent : httpAgent,
          lookup,
          rejectUnauthorized: !hop.insecure,
        });
        if (hop.body && !Object.keys(hop.headers).some((name) => name.toLowerCase() === 'content-type')) {
          request.setHeader('content-type', hop.body.contentType);
        }
      } catch (error) {
        // Only reachable with headers node refuses to send (e.g. a newline in a value).
        return finish(error);
      }
      deadline.current = request;
      request.on('error', settleOnError);
      request.on('close', settleOnClose);
      request.once('socket', (socket: Socket) => {
        socket.once('lookup', () => (lookupAt = performance.now()));
        socket.once('connect', () => (connectAt = performance.now()));
        if (!isHttps) return;
        socket.once('secureConnect', () => {
          secureAt = performance.now();
          certificateExpiresAt = readCertificateExpiry(socket as TLSSocket);
        });
      });
      request.on('response', (message) => {
        responseAt = performance.now();
        response = message;
        status = message.statusCode ?? -1;
        location = message.headers.location;
        headers = joinHeaders(message.headersDistinct);
        message.on('error', settleOnError);
        message.on('close', settleOnClose);
        // A HEAD has no body and a followed redirect's body is never looked at: done at the headers.
        if (hop.method === 'HEAD' || (isRedirectStatus(status) && location !== undefined)) {
          return finish(null);
        }
        message.on('end', () => finish(null));
        message.on('data', (chunk: Buffer) => {
          bodyBytes += chunk.length;
          if (hop.keepBody) bodyChunks.push(chunk);
          if (bodyBytes >= hop.maxBodyBytes) finish(null);
        });
      });
      request.end(hop.body?.text);
    });
  };
}

/** One text per header, as RFC 9110 5.3 allows combining repeated fields (set-cookie included, for reading only). */
function joinHeaders(distinct: Record<string, string[] | undefined>): Record<string, string> {
  const joined: Record<string, string> = {};
  for (const [name, values] of Object.entries(distinct)) if (values) joined[name] = values.join(', ');
  return joined;
}

/** Phase durations, each from the end of the previous phase, so all of them fit inside the latency. */
function measurePhases(
  startedAt: number,
  lookupAt: number | undefined,
  connectAt: number | undefined,
  secureAt: number | undefined,
  responseAt: number | undefined,
): Observation['timings'] {
  const timings: { dnsMs?: number; connectMs?: number; tlsMs?: number; firstByteMs?: number } = {};
  if (lookupAt !== undefined) timings.dnsMs = lookupAt - startedAt;
  if (connectAt !== undefined) timings.connectMs = connectAt - (lookupAt ?? startedAt);
  if (secureAt !== undefined && connectAt !== undefined) timings.tlsMs = secureAt - connectAt;
  if (responseAt !== undefined) timings.firstByteMs = responseAt - (secureAt ?? connectAt ?? startedAt);
  return timings;
}

/** The leaf certificate's notAfter as epoch ms, or undefined when the peer sent none. */
export function readCertificateExpiry(socket: TLSSocket): number | undefined {
  const validTo = socket.getPeerCertificate().valid_to;
  const expiresAt = validTo ? Date.parse(validTo) : NaN;
  return Number.isNaN(expiresAt) ? undefined : expiresAt;
}
