import type { Overall } from './wire-types.ts';

/**
 * The banner's verdict from the targets' states: every target down is a major outage, some down a
 * partial one, any degraded is degraded. Shared by the server and the page so both say the same.
 */
export function computeOverall(targets: readonly { state: string }[]): Overall {
  let known = 0;
  let down = 0;
  let degraded = 0;
  for (const { state } of targets) {
    if (state === 'unknown') continue;
    known += 1;
    if (state === 'down') down += 1;
    else if (state === 'degraded') degraded += 1;
  }
  if (known === 0) return 'unknown';
  if (down === known) return 'major_outage';
  if (down > 0) return 'partial_outage';
  return degraded > 0 ? 'degraded' : 'operational';
}
