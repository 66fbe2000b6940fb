/**
 * What Linux's /proc says about a process and the machine: CPU time, peak resident memory, and
 * loopback TCP sockets in TIME_WAIT. Read from outside the process, so the measuring costs it nothing.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

// Clock ticks per second of utime/stime; 100 on nearly every Linux, but asked rather than assumed.
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User plus system CPU time of `pid` (all its threads) since it started, in ms. */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]); // field 14 of proc(5), the 12th after the name
  const stime = Number(fields[12]); // field 15
  return ((utime + stime) * 1000) / ticksPerSecond;
}

/** Resident set size of `pid` now (VmRSS) and at its peak since start (VmHWM), in MB. */
export function readMemoryMb(pid: number): { rssMb: number; peakRssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const read = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
    if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
    return Number(match[1]) / 1024;
  };
  return { rssMb: read('VmRSS'), peakRssMb: read('VmHWM') };
}

/** TCP sockets in TIME_WAIT on this machine (IPv4 and IPv6), to see whether probes run short of ports. */
export function countTimeWait(): number {
  let count = 0;
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 on this kernel
    }
    for (const line of table.split('\n').slice(1)) {
      if (line.trim().split(/\s+/)[3] === '06') count += 1; // st 06 is TCP_TIME_WAIT
    }
  }
  return count;
}

/** The local port range new outgoing connections draw from, as [first, last]. */
export function readEphemeralPortRange(): [number, number] {
  const [first, last] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
    .trim()
    .split(/\s+/)
    .map(Number);
  return [first!, last!];
}

/** CPU time the whole machine spent busy (every state but idle and iowait) since boot, in ms summed over cores. */
export function readMachineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu user nice system idle iowait irq softirq steal guest guest_nice; guest time is already in user
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  return ((user! + nice! + system! + irq! + softirq! + steal!) * 1000) / ticksPerSecond;
}
