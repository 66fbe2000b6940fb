import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { interpolateEnv } from './interpolate-env.ts';
import { describeValue } from './read-fields.ts';

/** Reads a whole file as UTF-8 text; throws an error with `code: 'ENOENT'` when there is no such file. */
export type ReadFile = (path: string) => string;

/** What became of the YAML file: none to read, read into top-level settings, or unusable (errors say why). */
export type ConfigFile =
  | { readonly status: 'absent' }
  | { readonly status: 'unusable' }
  | { readonly status: 'parsed'; readonly settings: Readonly<Record<string, unknown>> };

/** The file looked for when neither --config nor UPBEAT_CONFIG names one. */
export const defaultConfigFileName = 'upbeat.yaml';

/**
 * Finds the YAML file (--config, else UPBEAT_CONFIG, else upbeat.yaml in `cwd` if there is one),
 * substitutes `${VAR}` references from `env`, and parses it. Problems go to `errors`.
 */
export function readConfigFile(
  options: {
    argvConfigPath?: string;
    env: Record<string, string | undefined>;
    cwd: string;
    readFile?: ReadFile;
  },
  errors: string[],
): ConfigFile {
  const { env, readFile = (path) => readFileSync(path, 'utf8') } = options;
  const { named, displayPath, absolutePath } = locateConfigFile(options);

  let rawText: string;
  try {
    rawText = readFile(absolutePath);
  } catch (error) {
    const notFound = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (notFound && !named) return { status: 'absent' };
    const reason = notFound ? 'file not found' : `cannot read: ${(error as Error).message}`;
    errors.push(`${named?.source ?? displayPath}: ${reason}: ${absolutePath}`);
    return { status: 'unusable' };
  }

  const interpolated = interpolateEnv(rawText, env);
  errors.push(...interpolated.errors);
  const settings = parseYaml(interpolated.text, displayPath, errors);
  return settings ? { status: 'parsed', settings } : { status: 'unusable' };
}

/**
 * Where the config file is (or would be): --config, else UPBEAT_CONFIG, else upbeat.yaml in `cwd`;
 * `named` says which option named it (none for the default, which may be absent).
 */
export function locateConfigFile(options: {
  argvConfigPath?: string;
  env: Record<string, string | undefined>;
  cwd: string;
}): { named?: { source: string; path: string }; displayPath: string; absolutePath: string } {
  const { argvConfigPath, env, cwd } = options;
  const named =
    argvConfigPath !== undefined
      ? { source: '--config', path: argvConfigPath }
      : env.UPBEAT_CONFIG
        ? { source: 'UPBEAT_CONFIG', path: env.UPBEAT_CONFIG }
        : undefined;
  const displayPath = named?.path ?? defaultConfigFileName;
  return { ...(named ? { named } : {}), displayPath, absolutePath: resolve(cwd, displayPath) };
}

/** The top-level mapping of a YAML text (an empty file is an empty mapping); syntax errors name file and line. */
function parseYaml(text: string, displayPath: string, errors: string[]): Record<string, unknown> | undefined {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const { line, col } = lineCounter.linePos(error.pos[0]);
      errors.push(`${displayPath}:${line}:${col}: ${error.message}`);
    }
    return undefined;
  }
  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    // Aliases are resolved here, not while parsing: an unknown anchor or an alias bomb ends up in this catch.
    errors.push(`${displayPath}: ${(error as Error).message}`);
    return undefined;
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    errors.push(
      `${displayPath}: expected a mapping of settings at the top level, got ${describeValue(value)}`,
    );
    return undefined;
  }
  return value as Record<string, unknown>;
}
