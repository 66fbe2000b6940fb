// Builds upbeat ahead of time: the status page's browser assets into public/assets/, the server
// into dist/upbeat.mjs, and the single executable dist/upbeat (server, page and SQLite addon inside
// a copy of the node binary that runs the build). `node build.mjs` builds everything;
// `--if-stale` skips when every output is newer than every input; `--web-only` builds the page
// assets alone (page work while the server is half-written, and the page benchmark).
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import { transformSync } from '@babel/core';
import htmTemplates from 'babel-plugin-htm';
import * as esbuild from 'esbuild';
import { inject } from 'postject';

const root = fileURLToPath(new URL('.', import.meta.url));
const assetsDir = join(root, 'public', 'assets');
const manifestFile = join(assetsDir, 'manifest.json');
const serverEntry = join(root, 'src', 'main.ts');
const serverOutput = join(root, 'dist', 'upbeat.mjs');
// Response patterns run in a worker thread (src/probe/pattern-matcher.ts); its code is bundled
// separately and inlined into the server as text, so the server stays one file.
const regexWorkerEntry = join(root, 'src', 'probe', 'regex-worker.ts');
// The scheduler and probes run in a worker thread too (src/probe-worker/), inlined the same way; it
// starts the pattern worker itself, so it carries that one's text in turn.
const probeWorkerEntry = join(root, 'src', 'probe-worker', 'probe-worker.ts');
const executableOutput = join(root, 'dist', 'upbeat');
const publicDir = join(root, 'public');
// The keys src/packaged/public-files.ts and src/packaged/sqlite-addon.ts read the assets by.
const embeddedPublicPrefix = 'public/';
const embeddedAddonKey = 'better_sqlite3.node';
// The fuse node's SEA support looks for (node's docs, "Single executable applications").
const seaFuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

// Packages left out of the server bundle, each for a reason:
// - better-sqlite3: a native addon (.node file) located at run time by `bindings`; it cannot be
//   inlined, so it is loaded from node_modules next to the bundle.
const serverExternals = ['better-sqlite3'];

// Bundled CommonJS packages (pino and its helpers) call `require`, which ES modules lack.
const requireBanner =
  "import { createRequire as __upbeatCreateRequire } from 'node:module';\n" +
  'const require = __upbeatCreateRequire(import.meta.url);';

/** Bundles, minifies and content-hashes the page's script and stylesheet, with .gz and .br twins. */
export async function buildWebAssets() {
  rmSync(assetsDir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: [
      { in: join(root, 'src/web/client.ts'), out: 'app' },
      { in: join(root, 'src/web/styles.css'), out: 'app' },
    ],
    outdir: assetsDir,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    // plain assignments for class fields: ES2020 has no field syntax, and esbuild's
    // defineProperty shim would cost bytes on every component
    tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    plugins: [compileTemplates],
    metafile: true,
    logLevel: 'warning',
  });
  const manifest = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) {
    const url = `/assets/${relative(assetsDir, join(root, file))}`;
    if (output.entryPoint?.endsWith('client.ts')) manifest.script = url;
    if (output.entryPoint?.endsWith('styles.css')) manifest.style = url;
    precompress(join(root, file));
  }
  if (!manifest.script || !manifest.style)
    throw new Error(`build: missing page output in ${JSON.stringify(manifest)}`);
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Compiles the page's htm templates to preact's `h` calls ahead of time (babel-plugin-htm, the
 * same parser htm runs in the browser), so the browser gets neither htm's parser nor the template
 * text, which minifies worse than calls: about 1 KB gzip of the 20 KB first-load budget. The
 * server renders from the same sources through htm at run time. Indentation after line breaks is
 * dropped first: htm ignores whitespace that holds a line break, and JavaScript ignores it between
 * tokens, so only bytes change.
 */
const compileTemplates = {
  name: 'compile-templates',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]web[\\/][^\\/]+\.ts$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8').replace(/\n[ \t]+/g, '\n');
      if (!source.includes("from 'htm/preact'")) return { contents: source, loader: 'ts' };
      const compiled = transformSync(source, {
        filename: args.path,
        babelrc: false,
        configFile: false,
        parserOpts: { plugins: ['typescript'] },
        plugins: [[htmTemplates, { pragma: 'h', import: 'preact', useNativeSpread: true }]],
      }).code;
      // the tag is unused once compiled; dropping its import keeps htm out of the bundle
      return { contents: compiled.replace(/^import \{ html \} from 'htm\/preact';$/m, ''), loader: 'ts' };
    });
  },
};

/** Writes `file.gz` and `file.br` at the best compression, so the server never compresses them. */
function precompress(file) {
  const content = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(content, { level: zlibConstants.Z_BEST_COMPRESSION }));
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(content, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: content.length,
      },
    }),
  );
}

/** Bundles the server into one ES module for Node 20 (src/version.ts inlines package.json's version). */
export async function buildServer() {
  await esbuild.build({
    entryPoints: [serverEntry],
    outfile: serverOutput,
    define: await defineWorkerSources(),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: serverExternals,
    banner: { js: requireBanner },
    legalComments: 'none',
    logLevel: 'warning',
  });
}

/** The workers' code as text, for esbuild's `define` (read by src/start-inline-worker.ts's callers). */
async function defineWorkerSources() {
  const regexWorker = JSON.stringify(await bundleWorker(regexWorkerEntry, {}));
  const probeWorker = await bundleWorker(probeWorkerEntry, {
    UPBEAT_REGEX_WORKER_SOURCE: regexWorker,
    // CommonJS has no import.meta; the worker only uses it to find source files, which the
    // inlined text replaces
    'import.meta.url': '"file:///upbeat-probe-worker"',
  });
  return { UPBEAT_REGEX_WORKER_SOURCE: regexWorker, UPBEAT_PROBE_WORKER_SOURCE: JSON.stringify(probeWorker) };
}

/** A worker as one CommonJS script, the form `new Worker(source, { eval: true })` runs. */
async function bundleWorker(entry, define) {
  const result = await esbuild.build({
    entryPoints: [entry],
    define,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/**
 * Builds dist/upbeat, a Node single executable application: a CommonJS bundle of the server (on
 * Node 20 the SEA main script must be CommonJS), every file of public/ and better-sqlite3's addon
 * as assets, injected into a copy of the node binary running this build (so: this machine's
 * platform and node version).
 */
export async function buildExecutable() {
  const work = mkdtempSync(join(tmpdir(), 'upbeat-sea-'));
  try {
    const main = join(work, 'upbeat.cjs');
    await esbuild.build({
      entryPoints: [serverEntry],
      outfile: main,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // CommonJS has no import.meta; main.ts only uses it (for public/) outside the executable
      define: { 'import.meta.url': '__upbeatImportMetaUrl', ...(await defineWorkerSources()) },
      banner: { js: "const __upbeatImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [embeddedSqliteAddon],
      legalComments: 'none',
      logLevel: 'warning',
    });
    const assets = { [embeddedAddonKey]: sqliteAddonFile() };
    const publicFiles = [];
    collectFiles(publicDir, publicFiles);
    for (const file of publicFiles) assets[`${embeddedPublicPrefix}${relative(publicDir, file)}`] = file;
    const blob = join(work, 'upbeat.blob');
    const seaConfig = join(work, 'sea-config.json');
    writeFileSync(
      seaConfig,
      JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: true, assets }),
    );
    execFileSync(process.execPath, ['--experimental-sea-config', seaConfig], { stdio: 'pipe' });
    const executable = join(work, 'upbeat');
    copyFileSync(process.execPath, executable);
    await withoutLiefNoise(() =>
      inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), { sentinelFuse: seaFuse }),
    );
    chmodSync(executable, 0o755);
    // copied next to dist/upbeat (tmpdir may be another file system), then renamed over it:
    // writing into a running dist/upbeat would fail with "text file busy"
    copyFileSync(executable, `${executableOutput}.tmp`);
    renameSync(`${executableOutput}.tmp`, executableOutput);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Inside the executable there is no node_modules for `bindings` to search; better-sqlite3 gets
 * the embedded addon instead (written to a cache file and loaded by src/packaged/sqlite-addon.ts).
 * Replacing `bindings`, rather than passing `nativeBinding` at each `new Database`, covers both
 * the SQLite store and the QuestDB outbox and leaves the bundle for `node` untouched.
 */
const embeddedSqliteAddon = {
  name: 'embedded-sqlite-addon',
  setup(build) {
    build.onResolve({ filter: /^bindings$/ }, () => ({
      path: 'bindings',
      namespace: 'embedded-sqlite-addon',
    }));
    build.onLoad({ filter: /.*/, namespace: 'embedded-sqlite-addon' }, () => ({
      contents: "module.exports = () => require('./src/packaged/sqlite-addon.ts').loadEmbeddedSqliteAddon();",
      resolveDir: root,
      loader: 'js',
    }));
  },
};

/**
 * postject's ELF library (LIEF) warns "Can't find string offset for section name '.note…'" for
 * node's binary on every build; the executable is fine (the packaged-server test runs it). Other
 * warnings still show.
 */
async function withoutLiefNoise(work) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/^warning: Can't find string offset for section name/.test(String(args[0]))) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

/** The addon better-sqlite3 built or downloaded at `npm ci`. */
function sqliteAddonFile() {
  const packageDir = dirname(createRequire(import.meta.url).resolve('better-sqlite3/package.json'));
  return join(packageDir, 'build', 'Release', 'better_sqlite3.node');
}

/** The newest modification time (ms) among the build's inputs. */
function newestInput() {
  const inputs = [join(root, 'package.json'), join(root, 'build.mjs')];
  collectFiles(join(root, 'src'), inputs);
  collectFiles(join(root, 'public'), inputs, assetsDir);
  return Math.max(...inputs.map((file) => statSync(file).mtimeMs));
}

function collectFiles(dir, into, skip) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (path === skip) continue;
    if (entry.isDirectory()) collectFiles(path, into, skip);
    else into.push(path);
  }
}

/** The oldest output's modification time, or 0 when any output is missing. */
function oldestOutput(webOnly) {
  if (!existsSync(manifestFile)) return 0;
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const outputs = [
    manifestFile,
    ...[manifest.script, manifest.style].map((url) => join(root, 'public', url ?? 'missing')),
  ];
  if (!webOnly) outputs.push(serverOutput, executableOutput);
  if (!outputs.every((file) => existsSync(file))) return 0;
  return Math.min(...outputs.map((file) => statSync(file).mtimeMs));
}

async function main(args) {
  const webOnly = args.includes('--web-only');
  if (args.includes('--if-stale') && oldestOutput(webOnly) > newestInput()) return;
  const started = performance.now();
  const manifest = await buildWebAssets();
  if (!webOnly) {
    mkdirSync(join(root, 'dist'), { recursive: true });
    await buildServer();
    await buildExecutable();
  }
  const took = Math.round(performance.now() - started);
  const server = webOnly ? '' : `, ${relative(root, serverOutput)}, ${relative(root, executableOutput)}`;
  process.stdout.write(`build: ${manifest.script}, ${manifest.style}${server} in ${took} ms\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
