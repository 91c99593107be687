// The agent loop with a scripted model (deskpilot run --replay) on a real X display, watched
// from outside its process: local-only mode opens no connection beyond loopback.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { startXvfb } from "./support/xserver.js";
import { runWatched } from "../support/runWatched.js";
import { canWatchSockets } from "../support/watchSockets.js";

const call = (args: object) => `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;

test(
  "deskpilot run with a scripted model opens no connection beyond loopback",
  { timeout: 120_000, skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox")) || (canWatchSockets() ? false : "needs Linux /proc") },
  async (t) => {
    if (!/^\s+run\b/m.test((await deskpilot(["--help"])).stdout)) return t.skip("deskpilot run is not registered in this build");
    const home = mkdtempSync(join(tmpdir(), "deskpilot-run-"));
    const x = await startXvfb({ width: 1280, height: 800 });
    try {
      const answers = join(home, "answers.json");
      writeFileSync(
        answers,
        JSON.stringify([
          call({ action: "left_click", coordinate: [100, 100] }),
          call({ action: "type", text: "hello" }),
          call({ action: "terminate", status: "success" }),
        ]),
      );
      const r = await runWatched(["run", "click the button and type hello", "--replay", answers, "--dry-run", "--no-hotkey", "--json"], {
        ...x.env,
        DESKPILOT_HOME: home,
      });
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as { status: string }).status, "success");
      assert.deepEqual(
        r.connections.filter((c) => !c.loopback),
        [],
      );
    } finally {
      await x.stop();
      rmSync(home, { recursive: true, force: true });
    }
  },
);
