/**
 * Where upbeat's time went, from a V8 `.cpuprofile` (written by `node --cpu-prof`): self time per
 * function and per source module. The bundle is not minified and esbuild marks each module with a
 * `// src/...` or `// node_modules/...` comment, so a line in dist/upbeat.mjs maps back to its module.
 */
import { readFileSync } from 'node:fs';

/** Self time of one function or module, in ms and in percent of the profile's busy time. */
export interface TimeShare {
  readonly name: string;
  readonly selfMs: number;
  readonly percent: number;
}

/** The top of a profile. */
export interface CpuProfileSummary {
  readonly totalMs: number;
  /** Sampled time the thread was busy (total minus idle). */
  readonly busyMs: number;
  readonly functions: TimeShare[];
  readonly modules: TimeShare[];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Reads `profileFile`; functions in `bundleFile` are attributed to the module they came from. */
export function summarizeCpuProfile(profileFile: string, bundleFile: string, top: number): CpuProfileSummary {
  const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as Profile;
  const moduleAt = readModuleMarkers(bundleFile);
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((id, index) =>
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000),
  );

  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const node of profile.nodes) {
    const selfMs = selfByNode.get(node.id) ?? 0;
    if (selfMs === 0) continue;
    totalMs += selfMs;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)') {
      idleMs += selfMs;
      continue;
    }
    const module = url.endsWith(bundleFile.split('/').pop()!)
      ? moduleAt(lineNumber + 1)
      : url || functionName;
    const where = url ? `${module}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + selfMs);
    const group = groupModule(module);
    byModule.set(group, (byModule.get(group) ?? 0) + selfMs);
  }
  const busyMs = totalMs - idleMs;
  const rank = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, percent: (selfMs / busyMs) * 100 }));
  return { totalMs, busyMs, functions: rank(byFunction), modules: rank(byModule) };
}

/** Prints a summary as indented lines. */
export function formatCpuProfileSummary(summary: CpuProfileSummary): string[] {
  const line = (share: TimeShare) =>
    `    ${share.percent.toFixed(1).padStart(5)} %  ${share.selfMs.toFixed(0).padStart(7)} ms  ${share.name}`;
  return [
    `  busy ${summary.busyMs.toFixed(0)} ms of ${summary.totalMs.toFixed(0)} ms sampled; self time by module:`,
    ...summary.modules.map(line),
    '  by function:',
    ...summary.functions.map(line),
  ];
}

/** A lookup from a 1-based bundle line to the module esbuild placed there. */
function readModuleMarkers(bundleFile: string): (line: number) => string {
  const markers: { line: number; module: string }[] = [];
  readFileSync(bundleFile, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      const match = /^\/\/ ((?:src|node_modules)\/\S+)$/.exec(text);
      if (match) markers.push({ line: index + 1, module: match[1]! });
    });
  return (line) => {
    let found = 'dist/upbeat.mjs';
    for (const marker of markers) {
      if (marker.line > line) break;
      found = marker.module;
    }
    return found;
  };
}

/** Folds a module path to its package (node_modules/pino/lib/x.js -> pino) or keeps the src file. */
function groupModule(module: string): string {
  const inPackage = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(module);
  if (inPackage) return inPackage[1]!;
  if (module.startsWith('node:')) return 'node internals';
  return module;
}
