import { readFileSync } from "node:fs";

const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU time (user + system) a process has used so far, in seconds, from /proc/<pid>/stat; undefined
 * where /proc has none. Unlike wall time, it does not grow when other work shares the cores.
 */
export function processCpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // fields after the command name, which may itself hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
