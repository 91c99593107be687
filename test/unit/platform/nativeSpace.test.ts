import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { nativeRegion, nativeSpace, toNativePoint } from "../../../agent/platform/nativeSpace.js";
import { dualHidpi, display } from "../../support/displayLayouts.js";

const [left, right] = dualHidpi as [typeof dualHidpi[0], typeof dualHidpi[0]];

describe("nativeSpace", () => {
  test("macOS input works in logical points, X11 and Windows in physical pixels", () => {
    assert.equal(nativeSpace("darwin"), "logical");
    assert.equal(nativeSpace("linux"), "physical");
    assert.equal(nativeSpace("win32"), "physical");
  });
});

describe("toNativePoint", () => {
  test("scale 2 on the display at the origin doubles the point", () => {
    assert.deepEqual(toNativePoint(left, { x: 100, y: 50 }, "physical"), { x: 200, y: 100 });
    assert.deepEqual(toNativePoint(left, { x: 0, y: 0 }, "physical"), { x: 0, y: 0 });
  });

  test("the second monitor's origin (1280,0) logical is (2560,0) native", () => {
    assert.deepEqual(toNativePoint(right, { x: 1280, y: 0 }, "physical"), { x: 2560, y: 0 });
    assert.deepEqual(toNativePoint(right, { x: 1280 + 10, y: 20 }, "physical"), { x: 2580, y: 40 });
    // Its bottom-right logical pixel (2303, 599) is native (4606, 1198), inside 2048×1200 from x=2560.
    assert.deepEqual(toNativePoint(right, { x: 2303, y: 599 }, "physical"), { x: 4606, y: 1198 });
  });

  test("a monitor left of and above the primary (negative origin)", () => {
    const d = display({ x: -1920, y: -200, width: 1920, height: 1080, scaleFactor: 1.5 });
    // Native origin (-2880, -300); 100 logical px in is 150 native px in.
    assert.deepEqual(toNativePoint(d, { x: -1820, y: -100 }, "physical"), { x: -2730, y: -150 });
  });

  test("fractional points are floored, never rounded onto the next pixel", () => {
    assert.deepEqual(toNativePoint(left, { x: 10.74, y: 3.2 }, "physical"), { x: 21, y: 6 });
    assert.deepEqual(toNativePoint(left, { x: 10.74, y: 3.2 }, "logical"), { x: 10, y: 3 });
  });

  test("every point inside a display maps inside its native area", () => {
    const layouts = [
      ...dualHidpi,
      display({ x: 1281, y: 7, width: 1280, height: 800, scaleFactor: 1.5 }),
      display({ x: -1366, y: 0, width: 1366, height: 768, scaleFactor: 1.25 }),
    ];
    for (const d of layouts) {
      const area = nativeRegion(d, "physical");
      const xs = [d.x, d.x + 0.5, d.x + d.width / 3, d.x + d.width - 1, d.x + d.width - 0.001];
      const ys = [d.y, d.y + 0.999, d.y + d.height / 2, d.y + d.height - 1, d.y + d.height - 0.001];
      for (const x of xs) {
        for (const y of ys) {
          const n = toNativePoint(d, { x, y }, "physical");
          assert.ok(n.x >= area.x && n.x < area.x + area.width, `x ${x} → ${n.x} outside [${area.x}, ${area.x + area.width})`);
          assert.ok(n.y >= area.y && n.y < area.y + area.height, `y ${y} → ${n.y} outside [${area.y}, ${area.y + area.height})`);
        }
      }
    }
  });

  test("in macOS's logical space an integer point is unchanged, whatever the scale", () => {
    assert.deepEqual(toNativePoint(right, { x: 1500, y: 300 }, "logical"), { x: 1500, y: 300 });
    assert.deepEqual(toNativePoint(left, { x: 0, y: 719 }, "logical"), { x: 0, y: 719 });
  });
});

describe("nativeRegion", () => {
  test("physical: origin and size times the scale factor", () => {
    assert.deepEqual(nativeRegion(left, "physical"), { x: 0, y: 0, width: 2560, height: 1440 });
    assert.deepEqual(nativeRegion(right, "physical"), { x: 2560, y: 0, width: 2048, height: 1200 });
  });

  test("logical: the display's own rectangle", () => {
    assert.deepEqual(nativeRegion(right, "logical"), { x: 1280, y: 0, width: 1024, height: 600 });
  });
});
