import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { CPU_RUN_DEFAULTS, resolveRunSettings } from "../../../agent/settings/cpuRunDefaults.js";
import { defaultSettings, settingsSchema } from "../../../agent/settings/settingsSchema.js";

const cpu = { gpu: false } as const;
const gpu = { gpu: "cuda" } as const;

describe("CPU-only run defaults", () => {
  test("no GPU: the default image-token maximum drops and the image inspectors are off, and it says so", () => {
    const r = resolveRunSettings(defaultSettings(), cpu);
    assert.equal(r.settings.imageTokens.max, CPU_RUN_DEFAULTS.maxImageTokens);
    assert.equal(r.settings.imageTokens.min, defaultSettings().imageTokens.min);
    assert.equal(r.inspectors, false);
    assert.equal(r.cpuDefaults.length, 2);
    assert.match(r.cpuDefaults.join("\n"), /1024 image tokens/);
    assert.match(r.cpuDefaults.join("\n"), /policy\.inspect/);
  });

  test("a GPU, or a remote endpoint: the defaults stay as they are", () => {
    for (const [settings, hardware] of [
      [defaultSettings(), gpu],
      [settingsSchema.parse({ endpoint: { preset: "vllm", baseUrl: "http://127.0.0.1:8000/v1", model: "qwen" } }), cpu],
    ] as const) {
      const r = resolveRunSettings(settings, hardware);
      assert.equal(r.settings.imageTokens.max, 4096);
      assert.equal(r.inspectors, true);
      assert.deepEqual(r.cpuDefaults, []);
    }
    assert.deepEqual(resolveRunSettings(defaultSettings(), cpu, false).cpuDefaults, [], "not the local engine");
  });

  test("the user's explicit settings win over the CPU defaults", () => {
    const chosen = settingsSchema.parse({ imageTokens: { min: 1024, max: 2048 }, policy: { inspect: true } });
    const r = resolveRunSettings(chosen, cpu);
    assert.equal(r.settings.imageTokens.max, 2048);
    assert.equal(r.inspectors, true);
    assert.deepEqual(r.cpuDefaults, []);
    // a raised minimum is kept: the maximum never drops below it
    const high = resolveRunSettings(settingsSchema.parse({ imageTokens: { min: 2000, max: 4096 } }), cpu);
    assert.deepEqual(high.settings.imageTokens, { min: 2000, max: 2000 });
    // inspectors switched off explicitly stay off on a GPU too
    assert.equal(resolveRunSettings(settingsSchema.parse({ policy: { inspect: false } }), gpu).inspectors, false);
  });
});
