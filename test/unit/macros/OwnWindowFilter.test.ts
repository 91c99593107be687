import { test } from "node:test";
import assert from "node:assert/strict";
import { OwnWindowFilter } from "../../../agent/macros/recorder/OwnWindowFilter.js";
import { visibleWindowRects } from "../../../agent/macros/recorder/visibleWindowRects.js";

test("DeskPilot's own window: its presses, wheel turns and the keys typed into it are not recorded", () => {
  const f = new OwnWindowFilter(() => [{ x: 1000, y: 0, width: 280, height: 400 }]);
  const inside = { x: 1100, y: 100 };
  const outside = { x: 200, y: 300 };
  assert.equal(f.accept("down", outside), true);
  assert.equal(f.accept("up", outside), true);
  assert.equal(f.accept("keydown"), true, "typing into the app under test");
  assert.equal(f.accept("wheel", inside), false);
  assert.equal(f.accept("down", inside), false);
  assert.equal(f.accept("up", inside), false);
  assert.equal(f.accept("keydown"), false, "typing into DeskPilot's own window");
  assert.equal(f.accept("wheel", outside), true);
  assert.equal(f.accept("down", outside), true);
  assert.equal(f.accept("keydown"), true);
});

test("Electron's windows: only those on the screen now (not destroyed, hidden or minimised) are left out", () => {
  const win = (
    bounds: { x: number; y: number; width: number; height: number },
    state: { destroyed?: boolean; visible?: boolean; minimized?: boolean } = {},
  ) => ({
    isDestroyed: () => state.destroyed ?? false,
    isVisible: () => state.visible ?? true,
    isMinimized: () => state.minimized ?? false,
    getBounds: () => ({ ...bounds, extra: 1 }),
  });
  const panel = { x: 100, y: 80, width: 900, height: 640 };
  const widget = { x: 1040, y: 20, width: 220, height: 56 };
  assert.deepEqual(visibleWindowRects([win(panel), win(widget)]), [panel, widget]);
  assert.deepEqual(visibleWindowRects([win(panel, { minimized: true }), win(widget, { visible: false }), win(panel, { destroyed: true })]), []);
  // As the recorder uses them: a press on the panel is dropped, one beside it is kept.
  const f = new OwnWindowFilter(() => visibleWindowRects([win(panel)]));
  assert.equal(f.accept("down", { x: 500, y: 400 }), false);
  assert.equal(f.accept("down", { x: 1100, y: 400 }), true);
});
