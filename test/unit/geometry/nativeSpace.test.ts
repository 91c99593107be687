import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { nativeRegion, nativeSpace, toLogicalPoint, toNativePoint } from "../../../agent/geometry/nativeSpace.js";
import { dualHidpi, display } from "../../support/displayLayouts.js";

const [left, right] = dualHidpi as [(typeof dualHidpi)[0], (typeof dualHidpi)[0]];

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

describe("toLogicalPoint", () => {
  // The pointer's position (the input driver) and the recorder's events come back through this one
  // inverse of toNativePoint. The driver had its own arithmetic (native / scale, with no display's
  // floored native origin), which put a pointer on a display at an odd origin with a fractional
  // scale up to a pixel off from where move() had put it.
  // Three monitors whose native areas do not overlap: 1.25 left of the origin, 2 at it, 1.5 right of it.
  const layouts = [
    display({ id: "a", x: -1366, y: 0, width: 1366, height: 768, scaleFactor: 1.25 }),
    display({ id: "b", x: 0, y: 0, width: 1280, height: 720, scaleFactor: 2 }),
    display({ id: "c", x: 1707, y: 7, width: 1280, height: 800, scaleFactor: 1.5 }),
  ];

  test("worked by hand: scale 1.5 at origin (1707, 7) has its native origin at (2560, 10)", () => {
    // floor(1707·1.5) = floor(2560.5) = 2560; floor(7·1.5) = 10. Native (2560 + 30, 10 + 15) is 20, 10 logical px in.
    assert.deepEqual(toLogicalPoint(layouts, { x: 2590, y: 25 }, "physical"), { x: 1727, y: 17 });
    // native / scale alone gives (1726.67, 16.67), a pixel up and left: the input driver's old answer
    assert.equal(Math.floor(2590 / 1.5), 1726);
  });

  test("every logical point a move() sends comes back from the pointer within the native pixel it landed on", () => {
    for (const d of layouts) {
      for (const [x, y] of [
        [d.x, d.y],
        [d.x + 1, d.y + 1],
        [d.x + 200, d.y + 100],
        [d.x + d.width - 1, d.y + d.height - 1],
      ] as const) {
        const back = toLogicalPoint(layouts, toNativePoint(d, { x, y }, "physical"), "physical");
        // within the native pixel toNativePoint floored it into (1/scale logical px), never on another display
        const tol = 1 / d.scaleFactor;
        assert.ok(
          back.x >= x - tol && back.x <= x && back.y >= y - tol && back.y <= y,
          `${d.id} @${d.scaleFactor}: (${x}, ${y}) came back as (${back.x}, ${back.y})`,
        );
      }
    }
  });

  test("in macOS's logical space and off every display a point is unchanged", () => {
    assert.deepEqual(toLogicalPoint(layouts, { x: 5, y: 6 }, "logical"), { x: 5, y: 6 });
    assert.deepEqual(toLogicalPoint(layouts, { x: 99999, y: -5000 }, "physical"), { x: 99999, y: -5000 });
  });
});
