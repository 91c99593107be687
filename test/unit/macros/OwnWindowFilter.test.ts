import { test } from "node:test";
import assert from "node:assert/strict";
import { OwnWindowFilter } from "../../../agent/macros/recorder/OwnWindowFilter.js";

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
