import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateQwen25Vl, type GeneratedModel } from "../../../agent/gguf/generateQwen25Vl.js";
import { deskpilot, deskpilotJson } from "../../support/cli.js";
import { FakeHub } from "../../support/fakeHub.js";
import { tinyPair } from "../../support/tinyPair.js";
import { findCatalogEntry, findQuant } from "../../../agent/models/modelCatalog.js";

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

  test("list --json: the catalog with fits, evidence and sources, a recommendation and the folder", async () => {
    type Score = { score: number; reportedBy: string; source: string };
    const list = await deskpilotJson<{
      modelsDir: string;
      recommended?: { id: string; reason: string };
      recommendedQwen25Vl?: { id: string };
      models: Array<{
        id: string;
        builtBy: string;
        runnable: boolean;
        quants: Array<{ fits: string; bytesFrom: string; pinned: boolean }>;
        evidence: { screenSpotPro?: { authors?: Score; reproductions: Score[] } };
      }>;
    }>(["models", "list"], env);
    assert.equal(list.modelsDir, join(home, "models"));
    assert.equal(list.models.length, 12);
    assert.ok(list.models.every((m) => m.quants.every((q) => ["gpu", "partial", "cpu", "none"].includes(q.fits))));
    const recommended = list.models.find((m) => m.id === list.recommended?.id);
    assert.ok(recommended?.runnable, "the recommendation is a model this build runs");
    assert.match(list.recommended!.reason, /ScreenSpot-Pro \d+\.\d, the best published/);
    assert.ok(list.recommendedQwen25Vl?.id.startsWith("qwen2.5-vl-"), "Qwen2.5-VL stays one click away");
    const owl = list.models.find((m) => m.id === "gui-owl-1.5-4b")!;
    assert.match(owl.builtBy, /mradermacher/);
    assert.deepEqual([owl.evidence.screenSpotPro?.authors?.score, owl.evidence.screenSpotPro?.reproductions[0]?.score], [66.8, 66.16]);
    assert.deepEqual(
      owl.quants.map((q) => [q.bytesFrom, q.pinned]),
      [
        ["published", true],
        ["estimate", false],
      ],
    );
  });

  test("list: each model's fit, its evidence with sources and whether it was reproduced, and who built it", async () => {
    const { stdout, code } = await deskpilot(["models", "list"], env);
    assert.equal(code, 0);
    assert.match(stdout, /^qwen3-vl-4b +Q4_K_M +3\.0 GB {2}(gpu|partial|cpu|none) /m);
    assert.match(
      stdout,
      /ScreenSpot-Pro: 59\.5 \(https:\/\/arxiv\.org\/abs\/2511\.21631;[^)]*\) by Qwen \(authors\); re-run: 59\.4 \(https:\/\/github\.com\/ZJU-REAL\/ClawGUI\/[^)]*\) by ClawGUI-Eval/,
    );
    assert.match(
      stdout,
      /OSWorld: 52\.3 \(https:\/\/github\.com\/X-PLUG\/MobileAgent[^)]*OSWorld-Verified[^)]*\) by Tongyi Lab \/ X-PLUG \(authors\); not independently reproduced/,
    );
    assert.match(stdout, /built by mradermacher \(community conversion of Tongyi-MAI\/MAI-UI-8B\); licence apache-2\.0/);
    assert.match(stdout, /^recommended: \S+ \S+ \(.*ScreenSpot-Pro/m);
  });

  test("verify: a good pair, a swapped pair, a truncated file", async () => {
    const good = await deskpilotJson<{ ok: boolean; files: Array<{ kind: string }> }>(["models", "verify", files.model, files.mmproj], env);
    assert.equal(good.ok, true);
    assert.deepEqual(
      good.files.map((f) => f.kind),
      ["text", "mmproj"],
    );
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
    assert.deepEqual(paths, [
      join(home, "models", "qwen2.5-vl-7b", "Qwen2.5-VL-7B-Instruct-Q8_0.gguf"),
      join(home, "models", "qwen2.5-vl-7b", "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf"),
    ]);
    assert.deepEqual(await deskpilotJson(["models", "remove", "qwen2.5-vl-7b"], env), { id: "qwen2.5-vl-7b", removed: true });
    const again = await deskpilot(["models", "remove", "qwen2.5-vl-7b"], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /is not downloaded/);
  });

  test("pull without an id: the recommended model, made the one that runs when the selected one is not downloaded", async () => {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const { recommended } = await deskpilotJson<{ recommended: { id: string; quant: string } }>(["models", "list"], env);
    const entry = findCatalogEntry(recommended.id)!;
    const quant = findQuant(entry, recommended.quant)!;
    hub.add(entry.repo, quant.text.path, tinyPair().model);
    hub.add(entry.repo, entry.mmproj.path, tinyPair().mmproj);
    writeFileSync(join(home, "settings.json"), JSON.stringify({ model: { id: "qwen2.5-vl-72b" } }));
    if (quant.text.sha256 || entry.mmproj.sha256) {
      // The pick pins its files' hashes (where the machine gets a Qwen3-VL-family pick): a hub serving
      // other bytes is refused before anything downloads, and the selection stays as it was.
      const refused = await deskpilot(["models", "pull"], hubEnv);
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, new RegExp(`pulling ${recommended.id.replace(/\./g, "\\.")} ${recommended.quant}`));
      assert.match(refused.stderr, /not the [0-9a-f]{64} the catalog pins .*nothing was downloaded/s);
      assert.deepEqual(JSON.parse(readFileSync(join(home, "settings.json"), "utf8")).model, { id: "qwen2.5-vl-72b" });
      return;
    }
    const pulled = await deskpilotJson<{ id: string; quant: string; selected?: boolean }>(["models", "pull"], hubEnv);
    assert.deepEqual([pulled.id, pulled.quant, pulled.selected], [recommended.id, recommended.quant, true]);
    assert.deepEqual(JSON.parse(readFileSync(join(home, "settings.json"), "utf8")).model, { id: recommended.id, quant: recommended.quant });
    // Now the selection is downloaded: a second pull changes nothing, and says nothing of selecting.
    const again = await deskpilotJson<{ selected?: boolean }>(["models", "pull"], hubEnv);
    assert.equal(again.selected, undefined);
  });

  test("pull with an id (the Qwen2.5-VL pick the list offers) downloads it and leaves the selection to the user", async () => {
    const hubEnv = { ...env, HF_ENDPOINT: hub.url };
    const { recommendedQwen25Vl: pick } = await deskpilotJson<{ recommendedQwen25Vl: { id: string; quant: string } }>(["models", "list"], env);
    const entry = findCatalogEntry(pick.id)!;
    hub.add(entry.repo, findQuant(entry, pick.quant)!.text.path, tinyPair().model);
    hub.add(entry.repo, entry.mmproj.path, tinyPair().mmproj);
    writeFileSync(join(home, "settings.json"), JSON.stringify({ model: { id: "qwen2.5-vl-72b" } }));
    const pulled = await deskpilotJson<{ id: string; quant: string; selected?: boolean }>(["models", "pull", pick.id, "--quant", pick.quant], hubEnv);
    assert.deepEqual([pulled.id, pulled.quant, pulled.selected], [pick.id, pick.quant, undefined], "pulled by id: the selection is the user's");
    assert.deepEqual(JSON.parse(readFileSync(join(home, "settings.json"), "utf8")).model, { id: "qwen2.5-vl-72b" });
  });
});
