import { test } from "node:test";
import assert from "node:assert/strict";
import { OwnWindowGuard } from "../../../agent/actions/OwnWindowGuard.js";
import { PanelWindows } from "../../../agent/service/PanelWindows.js";
import { blank, BLANK_LEVEL } from "../../../agent/capture/BlankedScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { singleHd } from "../../support/displayLayouts.js";

test("a press on the reported panel is refused before any input; keys are refused while the panel has the focus the agent has not clicked away from", async () => {
  let now = 0;
  const panels = new PanelWindows(() => now);
  const input = new FakeInputDriver({ x: 5, y: 5 });
  const guard = new OwnWindowGuard(input, panels);
  panels.report({ id: "p", x: 1000, y: 100, width: 400, height: 600, focused: true });
  await assert.rejects(guard.click({ x: 1200, y: 400 }, "left", 1), { code: "OWN_WINDOW", message: /DeskPilot's own control panel/ });
  await assert.rejects(guard.type("hello"), { code: "OWN_WINDOW", message: /keyboard focus is in DeskPilot's own control panel/ });
  assert.deepEqual(input.calls, [], "nothing was sent");
  await guard.click({ x: 200, y: 200 }, "left", 1);
  await guard.type("hello"); // the click took the focus, even before the page says so
  panels.report({ id: "p", x: 1000, y: 100, width: 400, height: 600, focused: false });
  panels.report({ id: "p", x: 1000, y: 100, width: 400, height: 600, focused: true }); // the user clicked back into the panel
  await assert.rejects(guard.keys(["enter"]), { code: "OWN_WINDOW" });
  now += 5000; // the page stopped reporting (closed)
  await guard.click({ x: 1200, y: 400 }, "left", 1);
  assert.deepEqual(
    (input.calls as { kind: string }[]).map((c) => c.kind),
    ["click", "type", "click"],
  );
});

test("captures have the panel's native pixels painted opaque grey, on the display it is on only", () => {
  const display = { ...singleHd[0]!, scaleFactor: 2, width: 10, height: 10 };
  const data = Buffer.alloc(20 * 20 * 4, 7);
  const out = blank({ display, width: 20, height: 20, channels: 4, data, ms: 0, source: "fake" }, [{ x: display.x + 5, y: display.y, width: 100, height: 2 }]);
  const px = (x: number, y: number) => [...out.data.subarray((y * 20 + x) * 4, (y * 20 + x) * 4 + 4)];
  assert.deepEqual(px(10, 0), [BLANK_LEVEL, BLANK_LEVEL, BLANK_LEVEL, 255]);
  assert.deepEqual(px(19, 3), [BLANK_LEVEL, BLANK_LEVEL, BLANK_LEVEL, 255]);
  assert.deepEqual(px(9, 0), [7, 7, 7, 7], "left of it");
  assert.deepEqual(px(10, 4), [7, 7, 7, 7], "below it");
  assert.equal(data[(0 * 20 + 10) * 4], 7, "the source capture is untouched");
});
