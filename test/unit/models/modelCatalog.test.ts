import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { findCatalogEntry, findQuant, MODEL_CATALOG } from "../../../agent/models/modelCatalog.js";
import { isReproduced, rankingScore } from "../../../agent/models/ModelEvidence.js";
import { pickQuantFiles, type HubListedFile } from "../../../agent/models/resolveHubFiles.js";

const entry = (id: string) => findCatalogEntry(id)!;
const HEX64 = /^[0-9a-f]{64}$/;

describe("catalog shape", () => {
  test("the ids: Qwen2.5-VL and UI-TARS-1.5 as before, then the Qwen3-VL family", () => {
    assert.deepEqual(
      MODEL_CATALOG.map((m) => m.id),
      [
        "qwen2.5-vl-3b",
        "qwen2.5-vl-7b",
        "qwen2.5-vl-32b",
        "qwen2.5-vl-72b",
        "ui-tars-1.5-7b",
        "qwen3-vl-2b",
        "qwen3-vl-4b",
        "qwen3-vl-8b",
        "gui-owl-1.5-4b",
        "gui-owl-1.5-8b",
        "mai-ui-2b",
        "mai-ui-8b",
      ],
    );
  });

  test("every entry: a default quantisation, GGUF files, an mmproj, a builder, a licence and a shape", () => {
    for (const m of MODEL_CATALOG) {
      assert.ok(findQuant(m), `${m.id} has its default quant`);
      assert.match(m.repo, /^[\w.-]+\/[\w.-]+-GGUF$/i, m.id);
      assert.ok(m.builtBy.length > 0 && m.license.length > 0, m.id);
      assert.ok(m.layers > 0 && m.kvHeads > 0 && m.headDim > 0 && m.paramsB > 0, m.id);
      for (const f of [...m.quants.map((q) => q.text), m.mmproj]) {
        assert.match(f.path, /\.gguf$/, `${m.id} ${f.path}`);
        assert.ok(f.approxBytes > 1e8, `${m.id} ${f.path} has a size`);
        if (f.sha256 !== undefined) assert.match(f.sha256, HEX64, `${m.id} ${f.path}`);
      }
      assert.match(m.mmproj.path, /mmproj/i, m.id);
      for (const q of m.quants) assert.doesNotMatch(q.text.path, /mmproj/i, `${m.id} ${q.name}`);
    }
    assert.equal(findCatalogEntry("qwen2.5-vl-7b")?.repo, "ggml-org/Qwen2.5-VL-7B-Instruct-GGUF");
    assert.equal(findQuant(entry("qwen2.5-vl-3b"), "q8_0")?.text.path, "Qwen2.5-VL-3B-Instruct-Q8_0.gguf");
  });

  test("Qwen3-VL 2B/4B/8B come from Qwen's own GGUF repositories, pinned, with the qwen3-vl profile", () => {
    for (const size of ["2B", "4B", "8B"]) {
      const m = entry(`qwen3-vl-${size.toLowerCase()}`);
      assert.equal(m.repo, `Qwen/Qwen3-VL-${size}-Instruct-GGUF`);
      assert.equal(m.profile, "qwen3-vl");
      assert.equal(m.architecture, "qwen3vl");
      assert.equal(m.license, "apache-2.0");
      assert.match(m.builtBy, /Qwen \(official/);
      assert.equal(findQuant(m)!.text.path, `Qwen3VL-${size}-Instruct-Q4_K_M.gguf`);
      assert.equal(m.mmproj.path, `mmproj-Qwen3VL-${size}-Instruct-Q8_0.gguf`);
      assert.match(findQuant(m)!.text.sha256 ?? "", HEX64);
      assert.match(m.mmproj.sha256 ?? "", HEX64);
    }
    // The figures for the 4B: text Q4_K_M ≈2.5 GB, mmproj Q8_0 ≈0.45 GB.
    assert.equal(findQuant(entry("qwen3-vl-4b"))!.text.approxBytes, 2_497_281_664);
    assert.equal(entry("qwen3-vl-4b").mmproj.approxBytes, 453_974_304);
  });

  test("community builds name their builder, and either pin every file's hash or say the pull trusts the first download", () => {
    for (const m of MODEL_CATALOG.filter((e) => !/^(Qwen|ggml-org)\//.test(e.repo))) {
      assert.match(m.builtBy, /community/, m.id);
      const unpinned = [...m.quants.map((q) => q.text), m.mmproj].filter((f) => f.sha256 === undefined);
      if (unpinned.length > 0) assert.match(m.notes ?? "", /trust on first use|records/, `${m.id} says how unpinned files are trusted`);
    }
    assert.deepEqual(
      ["gui-owl-1.5-4b", "gui-owl-1.5-8b", "mai-ui-2b", "mai-ui-8b"].map((id) => entry(id).profile),
      ["gui-owl-1.5", "gui-owl-1.5", "mai-ui", "mai-ui"],
    );
    assert.equal(entry("ui-tars-1.5-7b").repo, "mradermacher/UI-TARS-1.5-7B-GGUF");
  });

  test("each entry's own file names are what pickQuantFiles finds in a listing of them (names and tags agree)", () => {
    for (const m of MODEL_CATALOG) {
      const listing: HubListedFile[] = [...m.quants.map((q) => q.text), m.mmproj].map((f) => ({ path: f.path, size: f.approxBytes }));
      for (const q of m.quants) assert.deepEqual(pickQuantFiles(listing, m, q), { model: q.text.path, mmproj: m.mmproj.path }, `${m.id} ${q.name}`);
      // Renamed since (another folder): the quantisation tag still finds the file.
      const moved = listing.map((f) => ({ ...f, path: `gguf/${f.path.toLowerCase()}` }));
      const q = findQuant(m)!;
      assert.equal(pickQuantFiles(moved, m, q).model, `gguf/${q.text.path.toLowerCase()}`, m.id);
    }
  });
});

describe("catalog evidence", () => {
  test("every published number has who reported it and an https source, and lies in 0–100", () => {
    for (const m of MODEL_CATALOG) {
      for (const b of [m.evidence.screenSpotPro, m.evidence.osworld]) {
        for (const s of [...(b?.authors ? [b.authors] : []), ...(b?.reproductions ?? [])]) {
          assert.ok(s.score > 0 && s.score < 100, `${m.id} ${s.score}`);
          assert.match(s.source, /^https:\/\//, m.id);
          assert.ok(s.reportedBy.length > 0, m.id);
        }
      }
    }
  });

  test("the issue's ScreenSpot-Pro figures, where a source was found, with their independent re-runs", () => {
    const sspro = (id: string) => entry(id).evidence.screenSpotPro!;
    const rows: Array<[string, number | undefined, number[]]> = [
      // id, authors' claim, re-runs
      ["qwen2.5-vl-3b", undefined, [15.62]],
      ["qwen2.5-vl-7b", undefined, [27.45]],
      ["ui-tars-1.5-7b", 49.6, [42.06, 42.0]],
      ["qwen3-vl-4b", 59.5, [59.39]],
      ["gui-owl-1.5-4b", 66.8, [66.16]],
      ["gui-owl-1.5-8b", 71.1, [70.08]],
      ["mai-ui-8b", 65.8, [64.07]],
    ];
    for (const [id, claim, reruns] of rows) {
      assert.equal(sspro(id).authors?.score, claim, id);
      assert.deepEqual(
        sspro(id).reproductions.map((r) => r.score),
        reruns,
        id,
      );
      assert.ok(isReproduced(sspro(id)), id);
    }
    assert.match(sspro("gui-owl-1.5-4b").reproductions[0]!.source, /github\.com\/ZJU-REAL\/ClawGUI/);
    assert.match(sspro("gui-owl-1.5-4b").authors!.source, /arxiv\.org\/abs\/2602\.16855/);
    assert.equal(rankingScore(sspro("ui-tars-1.5-7b")), 42.0);
  });

  test("OSWorld where the authors publish it; nothing for the models without a found score", () => {
    assert.equal(entry("gui-owl-1.5-8b").evidence.osworld?.authors?.score, 52.3);
    assert.match(entry("gui-owl-1.5-8b").evidence.osworld?.authors?.detail ?? "", /OSWorld-Verified/);
    assert.equal(entry("ui-tars-1.5-7b").evidence.osworld?.authors?.score, 27.5);
    assert.deepEqual(entry("qwen2.5-vl-72b").evidence, {});
  });
});
