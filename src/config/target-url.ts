import { describeValue } from './read-fields.ts';

/** The DNS record types a `dns://` target may ask for. */
export const dnsRecordTypes = ['A', 'AAAA', 'CNAME', 'MX', 'TXT', 'NS'] as const;
export type DnsRecordType = (typeof dnsRecordTypes)[number];

/** What a `dns://[resolver[:port]]/name?type=T` URL asks: the resolver (absent: the system's), the name, the type. */
export interface DnsQuery {
  readonly server?: string;
  readonly name: string;
  readonly type: DnsRecordType;
}

/** How a target is probed, from its URL's scheme. */
export function readProbeKind(url: string): 'http' | 'tcp' | 'dns' {
  const protocol = new URL(url).protocol;
  return protocol === 'tcp:' ? 'tcp' : protocol === 'dns:' ? 'dns' : 'http';
}

/** A `dns://` URL's query; undefined when it is not one (the config has checked every target's URL). */
export function parseDnsUrl(url: string): DnsQuery | undefined {
  const parsed = URL.canParse(url) ? new URL(url) : undefined;
  if (parsed?.protocol !== 'dns:') return undefined;
  const name = decodeURIComponent(parsed.pathname.slice(1));
  const type = (parsed.searchParams.get('type') ?? 'A').toUpperCase();
  const known = dnsRecordTypes.find((candidate) => candidate === type);
  if (name === '' || name.includes('/') || known === undefined || parsed.username || parsed.password)
    return undefined;
  return { ...(parsed.host !== '' && { server: parsed.host }), name, type: known };
}

/**
 * A target URL: http(s)://…, tcp://host:port, or dns://[resolver[:port]]/name?type=A|AAAA|CNAME|MX|TXT|NS.
 * Returned as written (trimmed) so the API shows what the user wrote.
 */
export function readTargetUrl(value: unknown, path: string, errors: string[]): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  const parsed = URL.canParse(text) ? new URL(text) : undefined;
  const problem = describeUrlProblem(text, parsed);
  if (problem !== undefined) {
    errors.push(`${path}: ${problem}, got ${describeValue(value)}`);
    return undefined;
  }
  return text;
}

function describeUrlProblem(text: string, url: URL | undefined): string | undefined {
  switch (url?.protocol) {
    case 'http:':
    case 'https:':
      return undefined;
    case 'tcp:':
      return url.hostname !== '' &&
        url.port !== '' &&
        (url.pathname === '' || url.pathname === '/') &&
        !url.search
        ? undefined
        : 'a tcp URL is tcp://host:port';
    case 'dns:':
      return parseDnsUrl(text) !== undefined
        ? undefined
        : `a dns URL is dns://[resolver[:port]]/name?type=${dnsRecordTypes.join('|')}`;
    default:
      return 'must be an http(s), tcp or dns URL';
  }
}
