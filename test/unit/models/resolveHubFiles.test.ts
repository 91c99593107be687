import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findCatalogEntry } from "../../../agent/models/modelCatalog.js";
import { pickQuantFiles, resolveHubFiles, type HubListedFile } from "../../../agent/models/resolveHubFiles.js";
import { pullModel } from "../../../agent/models/pullModel.js";
import type { ModelCatalogEntry } from "../../../agent/models/ModelCatalogEntry.js";
import { FakeHub } from "../../support/fakeHub.js";
import { tinyPair, TINY_ENTRY } from "../../support/tinyPair.js";

const qwen3b = findCatalogEntry("qwen2.5-vl-3b")!;
const quant = (name: string) => qwen3b.quants.find((q) => q.name === name)!;
const listing = (...paths: string[]): HubListedFile[] => paths.map((path) => ({ path, size: 1 }));

describe("picking a quantisation's files from a hub listing", () => {
  const cases: { name: string; files: HubListedFile[]; quant: string; model: string; mmproj: string }[] = [
    {
      name: "the catalog's names, when the hub has them",
      files: listing(
        "README.md",
        "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf",
        "Qwen2.5-VL-3B-Instruct-Q8_0.gguf",
        "Qwen2.5-VL-3B-Instruct-f16.gguf",
        "mmproj-Qwen2.5-VL-3B-Instruct-Q8_0.gguf",
        "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf",
      ),
      quant: "Q4_K_M",
      model: "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf",
      mmproj: "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf",
    },
    {
      name: "other names and folders: the quantisation tag decides, in any case",
      files: listing(
        "gguf/qwen2.5-vl-3b-instruct-q8_0.gguf",
        "gguf/qwen2.5-vl-3b-instruct-q4_k_m.gguf",
        "gguf/qwen2.5-vl-3b-instruct-q4_k_s.gguf",
        "mmproj-model-BF16.gguf",
        "mmproj-model-F32.gguf",
      ),
      quant: "Q4_K_M",
      model: "gguf/qwen2.5-vl-3b-instruct-q4_k_m.gguf",
      mmproj: "mmproj-model-BF16.gguf",
    },
    {
      name: "f16 is the f16 file, not a projector",
      files: listing("Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", "Qwen2.5-VL-3B-Instruct-F16.gguf", "mmproj-Qwen2.5-VL-3B-Instruct-F16.gguf"),
      quant: "F16",
      model: "Qwen2.5-VL-3B-Instruct-F16.gguf",
      mmproj: "mmproj-Qwen2.5-VL-3B-Instruct-F16.gguf",
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
    assert.throws(() => pickQuantFiles(split, qwen3b, quant("Q8_0")), {
      code: "HUB_FILE_NOT_FOUND",
      message: /only as 2 split files.*llama-gguf-split --merge/,
    });
    assert.throws(() => pickQuantFiles(listing("Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf"), qwen3b, quant("Q4_K_M")), {
      code: "HUB_FILE_NOT_FOUND",
      message: /no mmproj/,
    });
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
    assert.ok(
      hub.requests.some((r) => r.path === `/api/models/${renamed.repo}/tree/main`),
      "asked the listing first",
    );
  });

  test("a hub without a listing API (a plain mirror) still serves the catalog's names", async () => {
    hub.listing = false;
    try {
      assert.deepEqual(await resolveHubFiles(hub.url, TINY_ENTRY, TINY_ENTRY.quants[0]!), {
        model: TINY_ENTRY.quants[0]!.text.path,
        mmproj: TINY_ENTRY.mmproj.path,
        listed: false,
      });
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
    await assert.rejects(pullModel({ entry, quant: q8, modelsDir: modelsDir(), hub: hub.url }), {
      code: "HUB_FILE_NOT_FOUND",
      message: /does not publish Q8_0 of tiny-vl \(it has F16\); choose F16/,
    });
    assert.deepEqual(
      hub.requests.map((r) => r.path),
      [`/api/models/${renamed.repo}/tree/main`],
    );
  });
});

describe("pull checks the listing's hashes and records whose word each hash rests on", { timeout: 120_000 }, () => {
  const hub = new FakeHub();
  const dirs: string[] = [];
  const modelsDir = () => {
    const d = mkdtempSync(join(tmpdir(), "deskpilot-trust-"));
    dirs.push(d);
    return d;
  };
  const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  const quant = TINY_ENTRY.quants[0]!;
  const pull = (entry: ModelCatalogEntry, dir = modelsDir()) => pullModel({ entry, quant: entry.quants[0]!, modelsDir: dir, hub: hub.url });

  before(async () => {
    await hub.start();
    hub.add(TINY_ENTRY.repo, quant.text.path, tinyPair().model);
    hub.add(TINY_ENTRY.repo, TINY_ENTRY.mmproj.path, tinyPair().mmproj);
  });
  after(async () => {
    await hub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("a file whose listed hash differs from the catalog's pin is refused before any download", async () => {
    const pinned = { ...TINY_ENTRY, quants: [{ ...quant, text: { ...quant.text, sha256: "0".repeat(64) } }] };
    hub.requests.length = 0;
    await assert.rejects(pull(pinned), {
      code: "HUB_FILE_CHANGED",
      message: /Tiny-VL-f16\.gguf with SHA-256 [0-9a-f]{64}, not the 0{64} the catalog pins for tiny-vl \(built by the test suite\); nothing was downloaded/,
    });
    assert.deepEqual(
      hub.requests.map((r) => r.path),
      [`/api/models/${TINY_ENTRY.repo}/tree/main`],
    );
  });

  test("pinned and matching: downloaded, and the manifest says the hash was pinned; the mmproj's rests on the hub's listing", async () => {
    const pinned = { ...TINY_ENTRY, quants: [{ ...quant, text: { ...quant.text, sha256: sha(tinyPair().model) } }] };
    const manifest = await pull(pinned);
    assert.deepEqual([manifest.model.trust, manifest.mmproj.trust], ["pinned", "hub"]);
    assert.equal(manifest.model.sha256, sha(tinyPair().model));
  });

  test("a mirror that publishes no hash at all: the pull records the hash it downloaded (trust on first use), and refuses a changed file later", async () => {
    const repo = "test-org/Unhashed-VL-GGUF";
    const entry = { ...TINY_ENTRY, repo };
    hub.add(repo, quant.text.path, tinyPair().model);
    hub.add(repo, TINY_ENTRY.mmproj.path, tinyPair().mmproj);
    const dir = modelsDir();
    hub.listing = false;
    hub.linkedEtag = false;
    try {
      const manifest = await pull(entry, dir);
      assert.deepEqual([manifest.model.trust, manifest.mmproj.trust], ["first-use", "first-use"]);
      assert.equal(manifest.model.sha256, sha(tinyPair().model), "the hash of what arrived");
    } finally {
      hub.listing = true;
      hub.linkedEtag = true;
    }
    // The publisher replaces the file; the local copy is damaged, so the next pull fetches again.
    const changed = Buffer.from(tinyPair().model);
    changed.writeUInt32LE(0xdeadbeef, changed.length - 64);
    hub.add(repo, quant.text.path, changed);
    writeFileSync(join(dir, entry.id, quant.text.path), "damaged");
    hub.requests.length = 0;
    await assert.rejects(pull(entry, dir), {
      code: "HUB_FILE_CHANGED",
      message: /the copy downloaded here before had [0-9a-f]{64}; nothing was downloaded.*models remove tiny-vl/,
    });
    assert.ok(!hub.requests.some((r) => r.path.startsWith("/cdn/") && r.method === "GET"), "no byte of the changed file was fetched");
  });

  test("a gated repository says how to get access, before any download", async () => {
    const repo = "test-org/Gated-VL-GGUF";
    hub.add(repo, quant.text.path, tinyPair().model);
    hub.gated.add(repo);
    await assert.rejects(pull({ ...TINY_ENTRY, repo }), { code: "HUB_ACCESS_DENIED", message: /Gated-VL-GGUF.*is gated.*HF_TOKEN/ });
  });
});
