// A private Xvfb for a benchmark script: started on a free display number, stopped by the caller.
import { spawn } from "node:child_process";
import { mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Starts `Xvfb` at width×height×24; resolves to its DISPLAY and a stop function. */
export async function xvfb(width, height) {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-bench-"));
  const fdFile = join(dir, "displayfd");
  const server = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", `${width}x${height}x24`, "-nolisten", "tcp", "-noreset"], {
    stdio: ["ignore", "ignore", "ignore", openSync(fdFile, "w")],
  });
  for (let i = 0; i < 100; i++) {
    const n = readFileSync(fdFile, "utf8").trim();
    if (n) return { display: `:${n}`, stop: () => (server.kill(), rmSync(dir, { recursive: true, force: true })) };
    if (server.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error("Xvfb did not start: install it (apt-get install xvfb)");
}
