import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl, type GeneratedModel } from "../../agent/models/gguf/generateQwen25Vl.js";
import { deskpilot, deskpilotJson } from "../support/cli.js";
import { FakeHub } from "./support/fakeHub.js";
import { tinyPair } from "./support/tinyPair.js";

describe("deskpilot models (CLI)", { timeout: 120_000 }, () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-cli-home-"));
  const env = { ...process.env, DESKPILOT_HOME: home, DESKPILOT_MODELS_DIR: "", HF_ENDPOINT: "" };
  let files: GeneratedModel;
  const hub = new FakeHub();

  before(async () => {
    files = generateQwen25Vl({ outDir: join(home, "mine"), preset: "tiny", type: "f16" });
    await hub.start();
    hub.add("ggml-org/Qwen2.5-VL-7B-Instruct-GGUF", "Qwen2.5-VL-7B-Instruct-Q8_0.gguf", tinyPair().model);
    hub.add("ggml-org/Qwen2.5-VL-7B-Instruct-GGUF", "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf", tinyPair().mmproj);
  });
  after(async () => {
    await hub.close();
    rmSync(home, { recursive: true, force: true });
  });

  test("path: the user data folder, DESKPILOT_MODELS_DIR over it, --models-dir over both", async () => {
    assert.equal((await deskpilot(["models", "path"], env)).stdout.trim(), join(home, "models"));
    assert.equal((await deskpilot(["models", "path"], { ...env, DESKPILOT_MODELS_DIR: "/srv/m" })).stdout.trim(), "/srv/m");
    assert.equal((await deskpilot(["models", "path", "--models-dir", "/x/y"], { ...env, DESKPILOT_MODELS_DIR: "/srv/m" })).stdout.trim(), "/x/y");
  });

  test("list --json: the catalog with fits, a recommendation and the folder", async () => {
    const list = await deskpilotJson<{ modelsDir: string; recommended?: { id: string }; models: Array<{ id: string; quants: Array<{ fits: string }> }> }>(["models", "list"], env);
    assert.equal(list.modelsDir, join(home, "models"));
    assert.equal(list.models.length, 5);
    assert.ok(list.models.every((m) => m.quants.every((q) => ["gpu", "partial", "cpu", "none"].includes(q.fits))));
    assert.ok(list.recommended?.id.startsWith("qwen2.5-vl-"));
  });

  test("verify: a good pair, a swapped pair, a truncated file", async () => {
    const good = await deskpilotJson<{ ok: boolean; files: Array<{ kind: string }> }>(["models", "verify", files.model, files.mmproj], env);
    assert.equal(good.ok, true);
    assert.deepEqual(good.files.map((f) => f.kind), ["text", "mmproj"]);
    const swapped = await deskpilot(["models", "verify", files.mmproj, files.model], env);
    assert.equal(swapped.code, 1);
    assert.match(swapped.stdout, /pair: .*is a vision projector \(mmproj\), not a text model/);
    const cut = join(home, "cut.gguf");
    writeFileSync(cut, readFileSync(files.model).subarray(0, readFileSync(files.model).length - 4096));
    const truncated = await deskpilot(["models", "verify", cut], env);
    assert.equal(truncated.code, 1);
    assert.match(truncated.stdout, /problem: truncated: tensor .* download it again/);
  });

  test("use: your own files (verified first), or a catalog id; bad usage exits 2", async () => {
    const own = await deskpilotJson<{ files?: { model: string } }>(["models", "use", "--model", files.model, "--mmproj", files.mmproj], env);
    assert.equal(own.files?.model, files.model);
    const bad = await deskpilot(["models", "use", "--model", files.mmproj, "--mmproj", files.model], env);
    assert.equal(bad.code, 1);
    const catalog = await deskpilotJson<{ id: string; quant?: string; files?: unknown }>(["models", "use", "qwen2.5-vl-7b", "--quant", "q8_0"], env);
    assert.deepEqual(catalog, { id: "qwen2.5-vl-7b", quant: "Q8_0" });
    assert.equal(JSON.parse(readFileSync(join(home, "settings.json"), "utf8")).model.id, "qwen2.5-vl-7b");
    assert.equal((await deskpilot(["models", "use"], env)).code, 2);
    assert.match((await deskpilot(["models", "use", "qwen9"], env)).stderr, /no model qwen9 in the catalog/);
  });

  test("pull, path ID, remove: from a hub on loopback", async () => {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const pulled = await deskpilot(["models", "pull", "qwen2.5-vl-7b", "--quant", "Q8_0"], hubEnv);
    assert.equal(pulled.code, 0, pulled.stderr);
    assert.match(pulled.stderr, /qwen2\.5-vl-7b: 0\.0\d \/ 0\.03 GB \(\d+%\)/);
    assert.match(pulled.stdout, /qwen2\.5-vl-7b \(Q8_0\) is ready/);
    const paths = (await deskpilot(["models", "path", "qwen2.5-vl-7b"], env)).stdout.trim().split("\n");
    assert.deepEqual(paths, [join(home, "models", "qwen2.5-vl-7b", "Qwen2.5-VL-7B-Instruct-Q8_0.gguf"), join(home, "models", "qwen2.5-vl-7b", "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf")]);
    assert.deepEqual(await deskpilotJson(["models", "remove", "qwen2.5-vl-7b"], env), { id: "qwen2.5-vl-7b", removed: true });
    const again = await deskpilot(["models", "remove", "qwen2.5-vl-7b"], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is not downloaded/);
  });
});
