import { homedir } from "node:os";
import { join } from "node:path";

/**
 * Where `bench engine` keeps generated and quantised full-size models between runs (gigabytes:
 * never inside the repository). DESKPILOT_BENCH_CACHE overrides; else $XDG_CACHE_HOME or ~/.cache.
 */
export function benchCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DESKPILOT_BENCH_CACHE) return env.DESKPILOT_BENCH_CACHE;
  return join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "deskpilot-bench");
}
