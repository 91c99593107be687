import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findCatalogEntry } from "../../agent/models/modelCatalog.js";
import { pickQuantFiles, resolveHubFiles, type HubListedFile } from "../../agent/models/resolveHubFiles.js";
import { pullModel } from "../../agent/models/pullModel.js";
import { FakeHub } from "./support/fakeHub.js";
import { tinyPair, TINY_ENTRY } from "./support/tinyPair.js";

const qwen3b = findCatalogEntry("qwen2.5-vl-3b")!;
const quant = (name: string) => qwen3b.quants.find((q) => q.name === name)!;
const listing = (...paths: string[]): HubListedFile[] => paths.map((path) => ({ path, size: 1 }));

describe("picking a quantisation's files from a hub listing", () => {
  const cases: { name: string; files: HubListedFile[]; quant: string; model: string; mmproj: string }[] = [
    {
      name: "the catalog's names, when the hub has them",
      files: listing("README.md", "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", "Qwen2.5-VL-3B-Instruct-Q8_0.gguf", "Qwen2.5-VL-3B-Instruct-f16.gguf", "mmproj-Qwen2.5-VL-3B-Instruct-Q8_0.gguf", "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf"),
      quant: "Q4_K_M", model: "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", mmproj: "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf",
    },
    {
      name: "other names and folders: the quantisation tag decides, in any case",
      files: listing("gguf/qwen2.5-vl-3b-instruct-q8_0.gguf", "gguf/qwen2.5-vl-3b-instruct-q4_k_m.gguf", "gguf/qwen2.5-vl-3b-instruct-q4_k_s.gguf", "mmproj-model-BF16.gguf", "mmproj-model-F32.gguf"),
      quant: "Q4_K_M", model: "gguf/qwen2.5-vl-3b-instruct-q4_k_m.gguf", mmproj: "mmproj-model-BF16.gguf",
    },
    {
      name: "f16 is the f16 file, not a projector",
      files: listing("Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", "Qwen2.5-VL-3B-Instruct-F16.gguf", "mmproj-Qwen2.5-VL-3B-Instruct-F16.gguf"),
      quant: "F16", model: "Qwen2.5-VL-3B-Instruct-F16.gguf", mmproj: "mmproj-Qwen2.5-VL-3B-Instruct-F16.gguf",
    },
  ];
  for (const c of cases) {
    test(c.name, () => assert.deepEqual(pickQuantFiles(c.files, qwen3b, quant(c.quant)), { model: c.model, mmproj: c.mmproj }));
  }

  test("a quantisation the repository does not publish: says which it does and which of those to choose", () => {
    const files = listing("Qwen2.5-VL-3B-Instruct-Q8_0.gguf", "Qwen2.5-VL-3B-Instruct-IQ4_XS.gguf", "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf");
    assert.throws(() => pickQuantFiles(files, qwen3b, quant("Q4_K_M")), {
      code: "HUB_FILE_NOT_FOUND",
      message: /does not publish Q4_K_M of qwen2\.5-vl-3b \(it has Q8_0, IQ4_XS\); choose Q8_0/,
    });
  });

  test("split-only quantisations and a missing projector are explained", () => {
    const split = listing("Qwen2.5-VL-3B-Instruct-Q8_0-00001-of-00002.gguf", "Qwen2.5-VL-3B-Instruct-Q8_0-00002-of-00002.gguf", "mmproj-x-f16.gguf");
    assert.throws(() => pickQuantFiles(split, qwen3b, quant("Q8_0")), { code: "HUB_FILE_NOT_FOUND", message: /only as 2 split files.*llama-gguf-split --merge/ });
    assert.throws(() => pickQuantFiles(listing("Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf"), qwen3b, quant("Q4_K_M")), { code: "HUB_FILE_NOT_FOUND", message: /no mmproj/ });
  });
});

describe("pull resolves file names from the hub's listing", { timeout: 120_000 }, () => {
  const hub = new FakeHub();
  const dirs: string[] = [];
  const modelsDir = () => {
    const d = mkdtempSync(join(tmpdir(), "deskpilot-resolve-"));
    dirs.push(d);
    return d;
  };
  // The publisher renamed its files since the catalog was written.
  const renamed = { ...TINY_ENTRY, repo: "test-org/Renamed-VL-GGUF" };

  before(async () => {
    await hub.start();
    hub.add(renamed.repo, "Tiny-VL-v2-F16.gguf", tinyPair().model);
    hub.add(renamed.repo, "mmproj/Tiny-VL-mmproj-f16.gguf", tinyPair().mmproj);
    hub.add(TINY_ENTRY.repo, TINY_ENTRY.quants[0]!.text.path, tinyPair().model);
    hub.add(TINY_ENTRY.repo, TINY_ENTRY.mmproj.path, tinyPair().mmproj);
  });
  after(async () => {
    await hub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("files named differently from the catalog are found, downloaded and recorded under their real names", async () => {
    const dir = modelsDir();
    const manifest = await pullModel({ entry: renamed, quant: renamed.quants[0]!, modelsDir: dir, hub: hub.url });
    assert.equal(manifest.model.name, "Tiny-VL-v2-F16.gguf");
    assert.equal(manifest.mmproj.name, "Tiny-VL-mmproj-f16.gguf");
    assert.equal(manifest.model.bytes, tinyPair().model.length);
    assert.deepEqual(readdirSync(join(dir, renamed.id)).sort(), ["Tiny-VL-mmproj-f16.gguf", "Tiny-VL-v2-F16.gguf", "deskpilot-model.json"]);
    assert.ok(hub.requests.some((r) => r.path === `/api/models/${renamed.repo}/tree/main`), "asked the listing first");
  });

  test("a hub without a listing API (a plain mirror) still serves the catalog's names", async () => {
    hub.listing = false;
    try {
      assert.deepEqual(await resolveHubFiles(hub.url, TINY_ENTRY, TINY_ENTRY.quants[0]!), { model: TINY_ENTRY.quants[0]!.text.path, mmproj: TINY_ENTRY.mmproj.path, listed: false });
      const manifest = await pullModel({ entry: TINY_ENTRY, quant: TINY_ENTRY.quants[0]!, modelsDir: modelsDir(), hub: hub.url });
      assert.equal(manifest.model.name, TINY_ENTRY.quants[0]!.text.path);
    } finally {
      hub.listing = true;
    }
  });

  test("a quantisation the hub does not publish fails before any download, with what to choose", async () => {
    const q8 = { name: "Q8_0", text: { path: "Tiny-VL-Q8_0.gguf", approxBytes: 1 } };
    const entry = { ...renamed, quants: [...renamed.quants, q8] };
    hub.requests.length = 0;
    await assert.rejects(pullModel({ entry, quant: q8, modelsDir: modelsDir(), hub: hub.url }), { code: "HUB_FILE_NOT_FOUND", message: /does not publish Q8_0 of tiny-vl \(it has F16\); choose F16/ });
    assert.deepEqual(hub.requests.map((r) => r.path), [`/api/models/${renamed.repo}/tree/main`]);
  });
});
