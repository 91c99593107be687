import { test } from "node:test";
import assert from "node:assert/strict";
import { totalmem } from "node:os";
import { detectHardware } from "../../agent/models/detectHardware.js";

test("detectHardware reports this machine through node-llama-cpp without building or downloading", { timeout: 60_000 }, async () => {
  const started = performance.now();
  const hw = await detectHardware();
  assert.equal(hw.ramTotal, totalmem());
  assert.ok(hw.ramFree > 0 && hw.ramFree <= hw.ramTotal);
  if (hw.gpu === false) assert.deepEqual([hw.vramTotal, hw.vramFree], [0, 0]);
  else assert.ok(hw.vramTotal > 0 && hw.vramFree <= hw.vramTotal, JSON.stringify(hw));
  assert.ok(performance.now() - started < 30_000);
});
