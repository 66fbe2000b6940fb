/** Reading the few numbers the bench needs out of upbeat's Prometheus text exposition. */

/** One sample line: `name{labels} value`. */
export interface Sample {
  readonly name: string;
  /** The raw label set without braces, e.g. `quantile="0.99"`; empty when there is none. */
  readonly labels: string;
  readonly value: number;
}

const sampleLine = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;

/** Parses every sample line (comments and blank lines skipped); a malformed line is an error. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = sampleLine.exec(line);
    if (!match) throw new Error(`metrics: cannot read line ${JSON.stringify(line)}`);
    samples.push({ name: match[1]!, labels: match[2] ?? '', value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` with exactly `labels`; throws when it is missing. */
export function readSample(samples: readonly Sample[], name: string, labels = ''): number {
  const sample = samples.find((candidate) => candidate.name === name && candidate.labels === labels);
  if (!sample) throw new Error(`metrics: no ${name}${labels ? `{${labels}}` : ''}`);
  return sample.value;
}

/** A quantile of upbeat's schedule lateness in whole ms (/metrics says seconds, Prometheus' base unit). */
export function readLatenessMs(samples: readonly Sample[], quantile: string): number {
  return Math.round(readSample(samples, 'upbeat_schedule_lateness_seconds', `quantile="${quantile}"`) * 1000);
}

/** How many samples named `name` have each value (e.g. targets per state). */
export function countByValue(samples: readonly Sample[], name: string): Map<number, number> {
  const counts = new Map<number, number>();
  for (const sample of samples) {
    if (sample.name === name) counts.set(sample.value, (counts.get(sample.value) ?? 0) + 1);
  }
  return counts;
}
