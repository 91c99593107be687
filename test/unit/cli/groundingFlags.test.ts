import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { main } from "../../../agent/cli/main.js";
import { addModelFlags, modelSourceFromFlags, type ModelFlags } from "../../../agent/cli/commands/groundingFlags.js";
import { UsageError } from "../../../agent/errors/UsageError.js";
import { MANIFEST_NAME } from "../../../agent/models/ModelManifest.js";
import { MemoryStream } from "../../support/memoryStream.js";

const dir = mkdtempSync(join(tmpdir(), "deskpilot-flags-"));
after(() => rmSync(dir, { recursive: true, force: true }));
const bounds = { minImageTokens: "1024", maxImageTokens: "4096" };

/** A catalog model that counts as downloaded: its manifest and two files of the sizes it names. */
function installFake(modelsDir: string, id: string): void {
  const d = join(modelsDir, id);
  mkdirSync(d, { recursive: true });
  writeFileSync(join(d, "m.gguf"), "text");
  writeFileSync(join(d, "p.gguf"), "proj");
  const file = (name: string) => ({ name, bytes: 4 });
  writeFileSync(
    join(d, MANIFEST_NAME),
    JSON.stringify({ id, quant: "Q4_K_M", repo: "r", hub: "h", model: file("m.gguf"), mmproj: file("p.gguf"), verifiedAt: new Date(0).toISOString() }),
  );
}

describe("--profile and --coordinates (model flags)", () => {
  test("they reach the model source of an endpoint and of local files; without them the source names none (Qwen2.5-VL, frame pixels)", () => {
    const remote = modelSourceFromFlags({
      ...bounds,
      endpoint: "http://127.0.0.1:8080",
      remoteModel: "ui-tars",
      profile: "ui-tars-1.5",
      coordinates: "relative-1000",
    });
    assert.deepEqual(
      [remote.source.kind, (remote.source as { profile?: string }).profile, (remote.source as { coordinates?: string }).coordinates],
      ["remote", "ui-tars-1.5", "relative-1000"],
    );
    const local = modelSourceFromFlags({ ...bounds, model: "a.gguf", mmproj: "b.gguf", coordinates: "frame" });
    assert.equal((local.source as { coordinates?: string }).coordinates, "frame-pixels");
    assert.equal((local.source as { profile?: string }).profile, undefined);
  });

  test("an unknown profile or coordinate space is a usage error that lists the known ones", () => {
    assert.throws(
      () => modelSourceFromFlags({ ...bounds, model: "a", mmproj: "b", profile: "uitars" }),
      (e: unknown) => e instanceof UsageError && /qwen2\.5-vl, ui-tars-1\.5/.test(e.message),
    );
    assert.throws(
      () => modelSourceFromFlags({ ...bounds, model: "a", mmproj: "b", coordinates: "0-1" }),
      (e: unknown) => e instanceof UsageError && /relative-1000/.test(e.message),
    );
  });

  test("on the command line: exit 2 and the list, before any model is touched", async () => {
    const out = new MemoryStream();
    const err = new MemoryStream();
    const code = await main(["node", "deskpilot", "ground", "x.png", "Save", "--endpoint", "http://127.0.0.1:9", "--remote-model", "m", "--profile", "nope"], {
      out,
      err,
    });
    assert.equal(code, 2);
    assert.match(err.text, /"nope" is not a known model profile; the known ones are qwen2\.5-vl, ui-tars-1\.5/);
  });

  test("a catalog model brings its profile (ui-tars-1.5-7b → ui-tars-1.5); --profile still wins", async () => {
    const modelsDir = join(dir, "models");
    installFake(modelsDir, "ui-tars-1.5-7b");
    const saved = { home: process.env["DESKPILOT_HOME"], models: process.env["DESKPILOT_MODELS_DIR"] };
    process.env["DESKPILOT_HOME"] = join(dir, "home");
    process.env["DESKPILOT_MODELS_DIR"] = modelsDir;
    try {
      const seen: ModelFlags[] = [];
      const run = async (...args: string[]) => {
        const cmd = addModelFlags(new Command("x").exitOverride()).action((opts: ModelFlags) => void seen.push(opts));
        await cmd.parseAsync(args, { from: "user" });
        return seen.at(-1)!;
      };
      const picked = await run("--model-id", "ui-tars-1.5-7b");
      assert.equal(picked.profile, "ui-tars-1.5");
      assert.match(picked.model!, /ui-tars-1\.5-7b[/\\]m\.gguf$/);
      assert.equal((await run("--model-id", "ui-tars-1.5-7b", "--profile", "qwen2.5-vl")).profile, "qwen2.5-vl");
    } finally {
      for (const [k, v] of [
        ["DESKPILOT_HOME", saved.home],
        ["DESKPILOT_MODELS_DIR", saved.models],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
