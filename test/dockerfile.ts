/** Test support: reads a Dockerfile's stages and the files it ships. */
/** The instructions of each stage of a Dockerfile (continuation lines joined). */
export function stages(text: string): string[][] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: string[][] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) result.push([]);
    result.at(-1)?.push(line);
  }
  return result;
}

/** What the build stage copies into /out, i.e. everything the final image holds of upbeat. */
export function shippedPaths(text: string): string[] {
  const paths: string[] = [];
  for (const match of text.replace(/\\\n/g, ' ').matchAll(/cp (?:-r )?([^&]+?) \/out\//g)) {
    paths.push(...match[1]!.trim().split(/\s+/));
  }
  return paths;
}

/** The final stage's HEALTHCHECK command (exec form), to run it against a real server. */
export function healthCheckCommand(text: string): string[] {
  const line = stages(text)
    .at(-1)!
    .find((instruction) => instruction.startsWith('HEALTHCHECK '));
  const exec = /\sCMD (\[.*\])$/.exec(line ?? '');
  if (!exec) throw new Error('no HEALTHCHECK ... CMD [...] in the final stage');
  return JSON.parse(exec[1]!) as string[];
}
