/** Where and how ILP lines go, read from a QuestDB client config string. */
export type IlpEndpoint =
  | { readonly transport: 'tcp'; readonly host: string; readonly port: number }
  | {
      readonly transport: 'http';
      readonly host: string;
      readonly url: string;
      readonly authorization?: string;
    };

// QuestDB's default ILP ports: 9009 for TCP, 9000 for the HTTP server that also takes /write.
const defaultPorts = { tcp: 9009, http: 9000, https: 9000 } as const;
const keysBySchema = {
  tcp: ['addr'],
  http: ['addr', 'username', 'password', 'token'],
  https: ['addr', 'username', 'password', 'token'],
} as const;

/**
 * Parses `tcp::addr=host:9009;` or `http[s]::addr=host:9000;[username=..;password=..|token=..;]`.
 * Anything else (tcps, TLS or auth options over TCP, tuning keys) is refused with a named reason
 * at start-up rather than half-honoured. Config validation calls this too, so a string that passes
 * validation always works; messages leave out the setting's name, which the caller knows.
 */
export function parseIlpConfig(config: string): IlpEndpoint {
  const separator = config.indexOf('::');
  const schema = config.slice(0, separator);
  if (separator === -1 || !(schema in keysBySchema)) {
    throw new Error(
      `expected tcp::, http:: or https:: at the start (for TLS, use https::), got ${JSON.stringify(config)}`,
    );
  }
  const known = keysBySchema[schema as keyof typeof keysBySchema] as readonly string[];
  const options = parseOptions(config.slice(separator + 2));
  const unknown = [...options.keys()].filter((key) => !known.includes(key));
  if (unknown.length > 0) {
    throw new Error(
      `unsupported option(s) for ${schema}: ${unknown.join(', ')} (supported: ${known.join(', ')})`,
    );
  }
  const addr = options.get('addr');
  if (!addr) throw new Error('addr=host:port is required');
  const { host, port } = splitAddress(addr, defaultPorts[schema as keyof typeof defaultPorts]);
  if (schema === 'tcp') return { transport: 'tcp', host, port };
  const url = `${schema}://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const authorization = toAuthorization(options);
  return authorization ? { transport: 'http', host, url, authorization } : { transport: 'http', host, url };
}

/** `key=value;` pairs, where `;;` stands for a literal semicolon inside a value. */
function parseOptions(text: string): Map<string, string> {
  const options = new Map<string, string>();
  let key = '';
  let value = '';
  let inValue = false;
  for (let i = 0; i < text.length; i++) {
    const character = text[i]!;
    if (character === ';' && text[i + 1] === ';' && inValue) {
      value += ';';
      i++;
    } else if (character === ';') {
      if (key.trim()) options.set(key.trim(), value);
      [key, value, inValue] = ['', '', false];
    } else if (character === '=' && !inValue) inValue = true;
    else if (inValue) value += character;
    else key += character;
  }
  if (key.trim()) options.set(key.trim(), value);
  return options;
}

function splitAddress(addr: string, defaultPort: number): { host: string; port: number } {
  const bracketed = /^\[(.+)\](?::(\d+))?$/.exec(addr);
  const plain = /^([^:]+)(?::(\d+))?$/.exec(addr);
  const match = bracketed ?? plain;
  if (!match) throw new Error(`addr must be host or host:port, got ${JSON.stringify(addr)}`);
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  if (!(port >= 1 && port <= 65_535)) throw new Error(`port out of range in ${JSON.stringify(addr)}`);
  return { host: match[1]!, port };
}

function toAuthorization(options: Map<string, string>): string | undefined {
  const token = options.get('token');
  const username = options.get('username');
  const password = options.get('password');
  if (token !== undefined && (username !== undefined || password !== undefined)) {
    throw new Error('give either token or username and password, not both');
  }
  if (token !== undefined) return `Bearer ${token}`;
  if (username === undefined && password === undefined) return undefined;
  if (username === undefined || password === undefined) throw new Error('username and password go together');
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
