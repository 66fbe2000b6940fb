import type { ProbeError } from './observation.ts';

/** The shape node's socket, DNS, TLS and HTTP-parser errors share; anything else is read defensively. */
interface CodedError {
  readonly code?: unknown;
  readonly syscall?: unknown;
  readonly message?: unknown;
}

const dnsCodes = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EAI_FAIL',
  'EAI_NODATA',
  'ENODATA',
  'ESERVFAIL',
]);

// Unreachable hosts and networks are "could not connect" to a reader, which `refused` says better than
// `invalid_response`; `detail` keeps the real errno.
const refusedCodes = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EADDRNOTAVAIL']);

const resetCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

// OpenSSL verification results as node reports them; the prefixed families are checked separately below.
const tlsCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'PATH_LENGTH_EXCEEDED',
  'HOSTNAME_MISMATCH',
]);
const tlsCodePrefixes = ['CERT_', 'ERR_TLS_', 'ERR_SSL_', 'CRL_', 'ERROR_IN_CERT_'];

/** Maps a node socket/DNS/TLS/HTTP error onto the fixed set of probe errors; the unknown is `invalid_response`. */
export function classifyProbeError(error: unknown): ProbeError {
  const { code, syscall, message } = (error ?? {}) as CodedError;
  if (typeof code === 'string') {
    if (dnsCodes.has(code) || syscall === 'getaddrinfo') return 'dns';
    if (refusedCodes.has(code)) return 'refused';
    if (resetCodes.has(code)) return 'reset';
    if (code === 'ETIMEDOUT') return 'timeout';
    if (tlsCodes.has(code) || tlsCodePrefixes.some((prefix) => code.startsWith(prefix))) return 'tls';
  }
  // Some OpenSSL failures arrive without a code, only a library-tagged message.
  if (typeof message === 'string' && /SSL routines|certificate/i.test(message)) return 'tls';
  return 'invalid_response';
}

/** One line for logs: the error's code and message, as node gave them. */
export function describeProbeError(error: unknown): string {
  const { code, message } = (error ?? {}) as CodedError;
  const text = typeof message === 'string' ? message : String(error);
  return typeof code === 'string' && !text.includes(code) ? `${code}: ${text}` : text;
}
