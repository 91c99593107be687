import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { SETTINGS_VERSION, settingsSchema } from "../../../agent/settings/settingsSchema.js";

function tempStore(): { store: SettingsStore; path: string; done: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-context-"));
  return { store: new SettingsStore(join(dir, "settings.json")), path: join(dir, "settings.json"), done: () => rmSync(dir, { recursive: true, force: true }) };
}

describe("engine.contextSize in the settings", () => {
  test('{} is a valid file and the context size defaults to "auto"', () => {
    assert.equal(settingsSchema.parse({}).engine.contextSize, "auto");
  });

  test("a context too small for one screenshot at imageTokens.max is refused with the numbers and what to set", async () => {
    const { store, done } = tempStore();
    try {
      await assert.rejects(
        store.update((s) => ({ ...s, engine: { ...s.engine, contextSize: 8192 }, imageTokens: { min: 1024, max: 16384 } })),
        (e: unknown) => {
          const { code, message } = e as { code: string; message: string };
          assert.equal(code, "INVALID_SETTING");
          assert.match(message, /engine\.contextSize/);
          assert.match(message, /8192 tokens cannot hold one screenshot at imageTokens\.max 16384/);
          assert.match(message, /at least 18064/);
          assert.match(message, /"auto"/);
          return true;
        },
      );
      const fine = await store.update((s) => ({ ...s, engine: { ...s.engine, contextSize: 20000 }, imageTokens: { min: 1024, max: 16384 } }));
      assert.equal(fine.engine.contextSize, 20000);
      const auto = await store.update((s) => ({ ...s, engine: { ...s.engine, contextSize: "auto" }, imageTokens: { min: 1024, max: 16384 } }));
      assert.equal(auto.engine.contextSize, "auto");
    } finally {
      done();
    }
  });

  test("a file whose context cannot hold its bounds has only the context size reset, the rest kept", async () => {
    const { store, path, done } = tempStore();
    try {
      writeFileSync(
        path,
        JSON.stringify({ version: SETTINGS_VERSION, zoom: false, engine: { gpuLayers: 12, contextSize: 4096 }, imageTokens: { min: 1024, max: 8192 } }),
      );
      const { settings, issues } = await store.load();
      assert.equal(settings.engine.contextSize, "auto");
      assert.equal(settings.engine.gpuLayers, 12);
      assert.deepEqual(settings.imageTokens, { min: 1024, max: 8192 });
      assert.equal(settings.zoom, false);
      assert.ok(
        issues.some((i) => i.startsWith("engine.contextSize:") && /cannot hold one screenshot/.test(i)),
        issues.join(" | "),
      );
    } finally {
      done();
    }
  });

  test('a version-2 file with the old default 8192 becomes "auto"; a size the user chose stays', async () => {
    for (const [written, expected] of [
      [8192, "auto"],
      [24576, 24576],
    ] as const) {
      const { store, path, done } = tempStore();
      try {
        writeFileSync(
          path,
          JSON.stringify({ version: 2, engine: { gpuLayers: "auto", contextSize: written, threads: 0 }, imageTokens: { min: 1024, max: 4096 } }),
        );
        const { settings, issues } = await store.load();
        assert.equal(settings.version, SETTINGS_VERSION);
        assert.equal(settings.engine.contextSize, expected);
        assert.match(issues[0] ?? "", /migrated from settings version 2/);
        if (written === 8192) assert.ok(issues.some((i) => /engine\.contextSize 8192 \(the old default\) is now "auto"/.test(i)));
      } finally {
        done();
      }
    }
  });
});
