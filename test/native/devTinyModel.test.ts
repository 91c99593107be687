import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { registerDevTinyModel } from "../../agent/cli/commands/devTinyModel.js";
import { readGguf } from "../../agent/gguf/readGguf.js";
import { MemoryStream } from "../support/memoryStream.js";

test("deskpilot dev tiny-model --type q8_0 writes a loadable-looking pair and prints JSON", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-devtiny-"));
  try {
    const out = new MemoryStream();
    const err = new MemoryStream();
    const program = new Command("deskpilot").exitOverride();
    registerDevTinyModel(program, { out, err });
    await program.parseAsync(["node", "deskpilot", "dev", "tiny-model", "--out", dir, "--type", "q8_0", "--json"]);
    const result = JSON.parse(out.text) as { model: string; mmproj: string; type: string };
    assert.equal(result.type, "q8_0");
    assert.equal(readGguf(result.model).metadata.get("general.file_type"), 7);
    assert.ok(
      readGguf(result.model).tensors.some((t) => t.type === 8),
      "some tensors are Q8_0",
    );
    assert.ok(statSync(result.model).size < 30e6);
    assert.equal(readGguf(result.mmproj).metadata.get("clip.projector_type"), "qwen2.5vl_merger");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("deskpilot dev tiny-model --preset tiny-qwen3-vl writes a Qwen3-VL pair (qwen3vl + qwen3vl_merger, DeepStack)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-devtiny-"));
  try {
    const out = new MemoryStream();
    const program = new Command("deskpilot").exitOverride();
    registerDevTinyModel(program, { out, err: new MemoryStream() });
    await program.parseAsync(["node", "deskpilot", "dev", "tiny-model", "--out", dir, "--preset", "tiny-qwen3-vl", "--json"]);
    const result = JSON.parse(out.text) as { model: string; mmproj: string; preset: string };
    assert.equal(result.preset, "tiny-qwen3-vl");
    const text = readGguf(result.model);
    assert.equal(text.metadata.get("general.architecture"), "qwen3vl");
    assert.equal(text.metadata.get("qwen3vl.n_deepstack_layers"), 2);
    const proj = readGguf(result.mmproj);
    assert.equal(proj.metadata.get("clip.projector_type"), "qwen3vl_merger");
    assert.equal(proj.metadata.get("clip.vision.patch_size"), 16);
    assert.deepEqual(
      proj.tensors.filter((t) => t.name.endsWith(".fc2.weight")).map((t) => t.name),
      ["v.deepstack.0.fc2.weight", "v.deepstack.1.fc2.weight"],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("deskpilot dev tiny-model refuses an unknown preset, listing the known ones", async () => {
  const program = new Command("deskpilot").exitOverride();
  registerDevTinyModel(program, { out: new MemoryStream(), err: new MemoryStream() });
  await assert.rejects(
    program.parseAsync(["node", "deskpilot", "dev", "tiny-model", "--out", tmpdir(), "--preset", "qwen4"]),
    /unknown --preset qwen4; use one of tiny, qwen2\.5-vl-3b, qwen2\.5-vl-7b, tiny-qwen3-vl, tiny-qwen3\.5, tiny-qwen3-vl-moe, tiny-qwen3\.5-moe/,
  );
});
