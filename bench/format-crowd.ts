import type { CrowdResult } from './crowd-scenario.ts';

/** The crowd scenario's figures as lines for the terminal, against the aims. */
export function formatCrowdResult(result: CrowdResult): string[] {
  const { crowd, observers, gapLatenessMs: gap, latenessMs: late, rssMb, deliveryMs, wrk } = result;
  const observed = result.observerDeliveryMs;
  const polls = Object.entries(crowd.polls)
    .map(([status, count]) => `${count} x ${status}`)
    .join(', ');
  return [
    `Crowd ${result.id}: 100 targets @ 5s, ${result.streams} /api/events streams + wrk -t2 -c100 on / and /api/status for 30 s`,
    `  streams: ${crowd.opened + observers.opened} opened in ${result.openSeconds.toFixed(1)} s, ${crowd.stillOpen + observers.stillOpen} still open at the end, ` +
      `${crowd.refused} refused (503, then polling: ${polls || 'no polls'}), ${crowd.errors} errors`,
    `  events: ${crowd.events} targets events, ${crowd.megabytes.toFixed(0)} MB to the crowd`,
    `  probe lateness at the targets (|gap - 5 s|): p50 ${gap.p50} ms, p99 ${gap.p99} ms, max ${gap.max} ms over ${gap.count} gaps (aim: p99 < 50 ms)`,
    `  probe lateness in upbeat (since start): p50 ${late.p50} ms, p99 ${late.p99} ms, max ${late.max} ms`,
    `  RSS: ${rssMb.beforeStreams.toFixed(0)} MB before the streams, ${rssMb.streamsOpen.toFixed(0)} MB with them open, ` +
      `${rssMb.end.toFixed(0)} MB at the end, peak ${rssMb.peak.toFixed(0)} MB; ${result.kbPerStream.toFixed(1)} KB per open stream ` +
      `(aims: growth < 100 MB, <= 20 KB per stream)`,
    `  outage, ${observers.stillOpen} observer pages in their own process: ${observed.targetsSeenByAll} of ${observed.targetsDowned} downed targets seen down by every one, ` +
      `the last ${observed.worst} ms after the state change (aim: within 2,000 ms)`,
    `  outage, the crowd's process: ${deliveryMs.targetsSeenByAll} of ${deliveryMs.targetsDowned} seen down by every open stream, ` +
      `the last ${deliveryMs.worst} ms after the state change (this one process reads thousands of sockets and lags)`,
    `  wrk: ${wrk.requestsPerSecond.toFixed(0)} req/s, latency p50 ${wrk.latency.p50}, p90 ${wrk.latency.p90}, p99 ${wrk.latency.p99}, ` +
      `${wrk.non2xx3xx} non-2xx/3xx, socket errors: ${wrk.socketErrors}`,
  ];
}
