// Local-only mode proven from outside the process: each deskpilot command runs in its own process
// while the test lists its (and its engine host's) TCP connections from /proc, and a listener on
// a host in a network namespace the test creates (the only non-loopback target) counts anyone who reaches it.
import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { generateQwen25Vl } from "../../agent/gguf/generateQwen25Vl.js";
import { skipWithoutAddon, syntheticScreen } from "../native/support/tinyModel.js";
import { FakeHub } from "../support/fakeHub.js";
import { NamespacedHoneypot } from "./support/honeypot.js";
import { netnsHostMissing } from "./support/netnsHost.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { tinyPair } from "../support/tinyPair.js";
import { runWatched } from "../support/runWatched.js";
import { canWatchSockets } from "../support/watchSockets.js";
import { cliGroundedOrRefused } from "../support/randomModelGrounding.js";

const skip = !canWatchSockets() ? "needs Linux /proc" : skipUnlessAvailable(netnsHostMissing());

describe("local-only mode, watched from outside the process", { skip, timeout: 180_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-home-"));
  const env = { ...process.env, DESKPILOT_HOME: home, HF_ENDPOINT: "" };
  let honeypot: NamespacedHoneypot | undefined;
  let remote = "";
  let image = "";

  before(async () => {
    honeypot = new NamespacedHoneypot();
    remote = await honeypot.start();
    image = join(home, "screen.png");
    await sharp(Buffer.from(syntheticScreen(320, 200)), { raw: { width: 320, height: 200, channels: 3 } })
      .png()
      .toFile(image);
  });
  after(async () => {
    await honeypot?.close();
    rmSync(home, { recursive: true, force: true });
  });

  test("a remote endpoint is refused: no connection leaves, and the message says why", async () => {
    const r = await runWatched(["ground", image, "the button", "--endpoint", `${remote}/v1`, "--remote-model", "x", "--retries", "0", "--timeout", "5"], env);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /LOCAL_ONLY|local-only/);
    assert.equal(await honeypot!.connections(), 0);
    assert.deepEqual(
      r.connections.filter((c) => !c.loopback),
      [],
    );
  });

  test("with local-only off the same command does reach the address (the watch would see a leak)", async () => {
    writeFileSync(join(home, "settings.json"), JSON.stringify({ localOnly: false }));
    try {
      const r = await runWatched(["ground", image, "the button", "--endpoint", `${remote}/v1`, "--remote-model", "x", "--retries", "0", "--timeout", "5"], env);
      assert.equal(r.code, 1);
      assert.ok((await honeypot!.connections()) >= 1, "the listener saw the connection");
    } finally {
      rmSync(join(home, "settings.json"), { force: true });
      await honeypot!.resetConnections();
    }
  });

  test("deskpilot ground on the tiny local model opens no connection beyond loopback", { skip: skipWithoutAddon() }, async () => {
    const files = generateQwen25Vl({ outDir: join(home, "tiny"), preset: "tiny", type: "f16" });
    const r = await runWatched(
      ["ground", image, "the blue button", "--model", files.model, "--mmproj", files.mmproj, "--min-image-tokens", "64", "--max-image-tokens", "256", "--json"],
      env,
    );
    // The random weights may answer far outside the frame (refused, exit 1): what is watched is the network.
    cliGroundedOrRefused(r);
    assert.deepEqual(
      r.connections.filter((c) => !c.loopback),
      [],
    );
    assert.equal(await honeypot!.connections(), 0);
  });

  test("deskpilot models pull from a hub on loopback: only loopback connections", async () => {
    const hub = new FakeHub();
    const hubUrl = await hub.start();
    const pair = tinyPair();
    // The real catalog id, served from the local hub: the pull is the user's, but the hub is local.
    hub.add("ggml-org/Qwen2.5-VL-3B-Instruct-GGUF", "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", pair.model);
    hub.add("ggml-org/Qwen2.5-VL-3B-Instruct-GGUF", "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf", pair.mmproj);
    try {
      const r = await runWatched(["models", "pull", "qwen2.5-vl-3b", "--json"], { ...env, HF_ENDPOINT: hubUrl });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.connections.length > 0, "the watch saw the download's connections");
      assert.deepEqual(
        r.connections.filter((c) => !c.loopback),
        [],
      );
      const list = await runWatched(["models", "list", "--json"], env);
      const models = (JSON.parse(list.stdout) as { models: Array<{ id: string; installed?: { quant: string } }> }).models;
      assert.equal(models.find((m) => m.id === "qwen2.5-vl-3b")?.installed?.quant, "Q4_K_M");
    } finally {
      await hub.close();
    }
  });
});
