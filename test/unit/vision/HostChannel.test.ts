import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { forkHost, startEngineHostEarly } from "../../../agent/vision/HostChannel.js";

// A host that answers each request with its pid, and ends with its parent, as engineHost does.
const HOST = `process.on("message", (m) => process.send({ type: "done", id: m.id, value: process.pid }));
process.on("disconnect", () => process.exit(0));`;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("HostChannel", () => {
  test("forkHost takes the host started early for its script, and forks anew for another", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-host-"));
    try {
      writeFileSync(join(dir, "host.mjs"), HOST);
      writeFileSync(join(dir, "other.mjs"), HOST);
      const entry = pathToFileURL(join(dir, "host.mjs"));
      const earlyPid = startEngineHostEarly(entry);
      const other = forkHost(pathToFileURL(join(dir, "other.mjs")));
      const taken = forkHost(entry);
      const fresh = forkHost(entry);
      const ask = (c: typeof taken) =>
        new Promise<number>((resolve) => {
          c.onMessage((m) => resolve((m as { value: number }).value));
          c.send({ type: "memory", id: 1 });
        });
      const pids = await Promise.all([ask(other), ask(taken), ask(fresh)]);
      assert.deepEqual(pids, [other.pid, taken.pid, fresh.pid]);
      assert.equal(taken.pid, earlyPid, "the first fork of its script is the early host");
      assert.equal(new Set(pids).size, 3, "another script and a second fork get hosts of their own");
      for (const c of [other, taken, fresh]) c.kill();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a process that never takes its early host exits at once, and the host ends with it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "deskpilot-host-"));
    try {
      writeFileSync(join(dir, "host.mjs"), HOST);
      const module = new URL("../../../agent/vision/HostChannel.js", import.meta.url).href;
      const script = `import { startEngineHostEarly } from ${JSON.stringify(module)};
import { pathToFileURL } from "node:url";
process.stdout.write(String(startEngineHostEarly(pathToFileURL(${JSON.stringify(join(dir, "host.mjs"))}))));`;
      const started = performance.now();
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 20_000 }, (error, out) => (error ? reject(error) : resolve(out)));
      });
      // it exited by itself, well before the early host's 30 s expiry
      assert.ok(performance.now() - started < 15_000, "the parent did not wait for its unused host");
      const host = Number(stdout);
      assert.ok(host > 0, `the early host ran (${stdout})`);
      for (let i = 0; i < 50 && alive(host); i++) await new Promise((r) => setTimeout(r, 100));
      assert.equal(alive(host), false, "the host ended with its parent");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
