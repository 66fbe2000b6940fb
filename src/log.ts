import pino from 'pino';

/** The logging surface every module takes as a parameter (pino's, narrowed). */
export interface Logger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** A logger that drops everything: the default in tests and library calls. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * JSON lines (pino) when stdout is not a TTY, so log shippers can parse them; short human lines
 * on a terminal.
 */
export function createLogger(options: {
  level: string;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}): Logger {
  const stream = options.stream ?? process.stdout;
  if (!stream.isTTY) {
    return pino({ level: options.level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, stream);
  }
  return createTerminalLogger(options.level, stream);
}

const levels = ['debug', 'info', 'warn', 'error'] as const;

function createTerminalLogger(level: string, stream: NodeJS.WritableStream): Logger {
  const threshold = Math.max(0, levels.indexOf(level as (typeof levels)[number]));
  const write = (at: number) => (fields: object, message: string) => {
    if (at < threshold) return;
    const time = new Date().toISOString().slice(11, 19);
    const extra = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
      .join(' ');
    stream.write(`${time} ${levels[at]!.padEnd(5)} ${message}${extra ? `  ${extra}` : ''}\n`);
  };
  return { debug: write(0), info: write(1), warn: write(2), error: write(3) };
}
