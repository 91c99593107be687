import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLoop, ownMs, wanderingClick } from "../../../../agent/bench/loop/benchLoop.js";
import { ReplayDecider } from "../../../../agent/loop/ReplayDecider.js";
import { FileRunStore } from "../../../../agent/runs/FileRunStore.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";
import { FakeInputDriver } from "../../../support/FakeInputDriver.js";
import { ColourScreen } from "../../loop/support/ColourScreen.js";

const display = { id: "d", name: "d", x: 0, y: 0, width: 320, height: 200, scaleFactor: 1, primary: true };
const bounds = { minImageTokens: 16, maxImageTokens: 64 };

test("on a given desktop the bench acts through its input, settles on its screen, and times every phase of every step", async () => {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-phases-"));
  try {
    const frame = smartResize(display.width, display.height, bounds.minImageTokens, bounds.maxImageTokens);
    // the screen changes after each click and then holds still, as a real one does
    let shade = 0;
    const screen = new ColourScreen(display, () => [shade, 0, 0]);
    class RepaintingInput extends FakeInputDriver {
      override async click(...a: Parameters<FakeInputDriver["click"]>): Promise<void> {
        await super.click(...a);
        shade += 40;
      }
    }
    const input = new RepaintingInput({ x: 100, y: 100 });
    const r = await benchLoop({
      steps: 2,
      decider: new ReplayDecider([wanderingClick(1, frame), wanderingClick(2, frame)]),
      store: new FileRunStore(dir),
      bounds,
      display,
      desktop: { screen, input },
    });
    assert.equal(r.status, "budget");
    assert.equal(input.calls.filter((c) => c.kind === "click").length, 2, "both clicks went to the given input");
    assert.ok(screen.captures >= 4, "it settled on the given screen");
    assert.equal(r.timings.length, 2);
    for (const t of r.timings) {
      assert.ok(t.settleMs > 0 && t.settleMs < 2000, `the changed screen settled before the timeout (${t.settleMs} ms)`);
      assert.equal(ownMs(t), t.totalMs - t.modelMs - t.settleMs - t.confirmMs);
      assert.ok(ownMs(t) >= t.prepareMs + t.actMs);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
