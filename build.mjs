// Builds upbeat ahead of time: the status page's browser assets into public/assets/ and the server
// into dist/upbeat.mjs. `node build.mjs` builds everything; `--if-stale` skips when every output is
// newer than every input; `--web-only` builds the page assets alone (page work while the server
// is half-written, and the page benchmark).
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const assetsDir = join(root, 'public', 'assets');
const manifestFile = join(assetsDir, 'manifest.json');
const serverEntry = join(root, 'src', 'main.ts');
const serverOutput = join(root, 'dist', 'upbeat.mjs');
// Response patterns run in a worker thread (src/probe/pattern-matcher.ts); its code is bundled
// separately and inlined into the server as text, so the server stays one file.
const regexWorkerEntry = join(root, 'src', 'probe', 'regex-worker.ts');

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
    plugins: [dropTemplateIndentation],
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
 * Drops the indentation after line breaks in the page's sources. Minifying leaves template
 * literals alone, and the htm templates are mostly indentation; htm ignores whitespace that holds
 * a line break, and JavaScript ignores it between tokens, so only bytes change.
 */
const dropTemplateIndentation = {
  name: 'drop-template-indentation',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]web[\\/][^\\/]+\.ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\n[ \t]+/g, '\n'),
      loader: 'ts',
    }));
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
    define: { UPBEAT_REGEX_WORKER_SOURCE: JSON.stringify(await bundleRegexWorker()) },
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

/** The pattern worker as one CommonJS script, the form `new Worker(source, { eval: true })` runs. */
async function bundleRegexWorker() {
  const result = await esbuild.build({
    entryPoints: [regexWorkerEntry],
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
  if (!webOnly) outputs.push(serverOutput);
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
  }
  const took = Math.round(performance.now() - started);
  const server = webOnly ? '' : `, ${relative(root, serverOutput)}`;
  process.stdout.write(`build: ${manifest.script}, ${manifest.style}${server} in ${took} ms\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`build: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
