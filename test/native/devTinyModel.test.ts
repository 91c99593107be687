import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { registerDevTinyModel } from "../../agent/cli/commands/devTinyModel.js";
import { readGguf } from "../../agent/models/gguf/readGguf.js";
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
    assert.ok(readGguf(result.model).tensors.some((t) => t.type === 8), "some tensors are Q8_0");
    assert.ok(statSync(result.model).size < 30e6);
    assert.equal(readGguf(result.mmproj).metadata.get("clip.projector_type"), "qwen2.5vl_merger");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
