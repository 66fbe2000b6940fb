import { Resolver } from 'node:dns/promises';
import type { Target } from '../config/config.ts';
import { parseDnsUrl, type DnsRecordType } from '../config/target-url.ts';
import type { Observation } from './observation.ts';

/**
 * Probes a `dns://[resolver[:port]]/name?type=T` target: asks the resolver (or the system's) once,
 * and observes the answers as text. Up or down is the check's call (expect.answers).
 */
export async function probeDns(target: Target, now: () => number): Promise<Observation> {
  const startedAt = now();
  const start = performance.now();
  const query = parseDnsUrl(target.url);
  // One try with the whole timeout: c-ares would otherwise retry and outlive the probe.
  const resolver = new Resolver({ timeout: target.timeoutMs, tries: 1 });
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    resolver.cancel();
  }, target.timeoutMs);
  const observe = (fields: Partial<Observation>): Observation => ({
    startedAt,
    httpStatus: -1,
    latencyMs: performance.now() - start,
    timings: { dnsMs: performance.now() - start },
    method: 'DNS',
    redirects: 0,
    ...fields,
  });
  try {
    if (query === undefined)
      throw Object.assign(new Error(`not a dns:// target: ${target.url}`), { code: 'EBADURL' });
    if (query.server !== undefined) resolver.setServers([query.server]);
    const answers = await resolve(resolver, query.name, query.type);
    return observe({ answers });
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    // c-ares's own timer and ours end together; whichever fires first, it is the same timeout.
    if (timedOut || code === 'ETIMEOUT') return observe({ error: 'timeout', detail: 'deadline exceeded' });
    return observe({ error: 'dns', detail: typeof code === 'string' ? code : String(message) });
  } finally {
    clearTimeout(timer);
  }
}

/** The answers of one type as text: addresses and names as given, MX as "priority exchange", TXT chunks joined. */
async function resolve(resolver: Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case 'A':
      return resolver.resolve4(name);
    case 'AAAA':
      return resolver.resolve6(name);
    case 'CNAME':
      return resolver.resolveCname(name);
    case 'NS':
      return resolver.resolveNs(name);
    case 'MX':
      return (await resolver.resolveMx(name)).map(({ priority, exchange }) => `${priority} ${exchange}`);
    case 'TXT':
      return (await resolver.resolveTxt(name)).map((chunks) => chunks.join(''));
  }
}
