import net from 'node:net';
import tls from 'node:tls';
import type { Target } from '../config/config.ts';
import { classifyProbeError, describeProbeError } from './classify-probe-error.ts';
import type { Observation } from './observation.ts';
import { readCertificateExpiry } from './send-request.ts';

/** Options of probeTcp. */
export interface TcpProbeOptions {
  readonly now: () => number;
  readonly lookup: net.LookupFunction | undefined;
}

/**
 * Probes a `tcp://host:port` target: up when a connection opens (and, with `tls: true`, a TLS
 * handshake completes) within the timeout; then it hangs up without sending a byte.
 */
export function probeTcp(target: Target, { now, lookup }: TcpProbeOptions): Promise<Observation> {
  const url = new URL(target.url);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1'); // net wants IPv6 without brackets
  const port = Number(url.port);
  const startedAt = now();
  const start = performance.now();
  return new Promise((resolve) => {
    let lookupAt: number | undefined;
    let connectAt: number | undefined;
    let secureAt: number | undefined;
    let certificateExpiresAt: number | undefined;
    let timedOut = false;
    let settled = false;
    const socket = target.tls
      ? tls.connect({
          host,
          port,
          lookup,
          servername: net.isIP(host) ? undefined : host,
          rejectUnauthorized: !target.insecure,
        })
      : net.connect({ host, port, lookup });
    const timer = setTimeout(() => {
      timedOut = true;
      socket.destroy();
    }, target.timeoutMs);
    const finish = (failure: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const timings: { dnsMs?: number; connectMs?: number; tlsMs?: number } = {};
      if (lookupAt !== undefined) timings.dnsMs = lookupAt - start;
      if (connectAt !== undefined) timings.connectMs = connectAt - (lookupAt ?? start);
      if (secureAt !== undefined && connectAt !== undefined) timings.tlsMs = secureAt - connectAt;
      resolve({
        startedAt,
        httpStatus: -1,
        latencyMs: performance.now() - start,
        timings,
        ...(failure !== null && {
          error: timedOut ? 'timeout' : classifyProbeError(failure),
          detail: timedOut ? 'deadline exceeded' : describeProbeError(failure),
        }),
        method: 'TCP',
        redirects: 0,
        ...(certificateExpiresAt !== undefined && { certificateExpiresAt }),
      });
    };
    socket.once('lookup', () => (lookupAt = performance.now()));
    socket.once('connect', () => {
      connectAt = performance.now();
      if (!target.tls) finish(null);
    });
    socket.once('secureConnect', () => {
      secureAt = performance.now();
      certificateExpiresAt = readCertificateExpiry(socket as tls.TLSSocket);
      finish(null);
    });
    socket.once('error', finish);
    // A close before connecting with no error of its own only happens when the timer destroyed it.
    socket.once('close', () => finish(new Error('connection closed')));
  });
}
