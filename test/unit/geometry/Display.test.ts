import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { describeDisplays, displayAt, physicalSize } from "../../../agent/geometry/Display.js";
import { dualHidpi, singleHd, display } from "../../support/displayLayouts.js";

describe("displayAt", () => {
  const [hd] = singleHd as [(typeof singleHd)[0]];
  const [left, right] = dualHidpi as [(typeof dualHidpi)[0], (typeof dualHidpi)[0]];

  test("corners of a 1920×1080 display: left/top inclusive, right/bottom exclusive", () => {
    assert.equal(displayAt(singleHd, { x: 0, y: 0 }), hd);
    assert.equal(displayAt(singleHd, { x: 1919, y: 1079 }), hd);
    assert.equal(displayAt(singleHd, { x: 1919.999, y: 1079.999 }), hd);
    assert.equal(displayAt(singleHd, { x: 1920, y: 500 }), undefined);
    assert.equal(displayAt(singleHd, { x: 500, y: 1080 }), undefined);
    assert.equal(displayAt(singleHd, { x: -1, y: 0 }), undefined);
    assert.equal(displayAt(singleHd, { x: 0, y: -0.5 }), undefined);
  });

  test("the shared edge of side-by-side monitors belongs to the right-hand one", () => {
    assert.equal(displayAt(dualHidpi, { x: 1279, y: 10 }), left);
    assert.equal(displayAt(dualHidpi, { x: 1279.5, y: 10 }), left);
    assert.equal(displayAt(dualHidpi, { x: 1280, y: 10 }), right);
    assert.equal(displayAt(dualHidpi, { x: 2303, y: 599 }), right);
    assert.equal(displayAt(dualHidpi, { x: 2304, y: 10 }), undefined);
  });

  test("the dead area below the shorter monitor is off every screen", () => {
    // The right monitor is 600 tall, the left 720: (1500, 650) lies in neither.
    assert.equal(displayAt(dualHidpi, { x: 1500, y: 650 }), undefined);
    assert.equal(displayAt(dualHidpi, { x: 1500, y: 600 }), undefined);
    assert.equal(displayAt(dualHidpi, { x: 1000, y: 650 }), left);
  });

  test("a monitor at a negative origin", () => {
    const west = display({ id: "w", x: -1024, y: -100, width: 1024, height: 768 });
    const layout = [...singleHd, west];
    assert.equal(displayAt(layout, { x: -1024, y: -100 }), west);
    assert.equal(displayAt(layout, { x: -1, y: 667 }), west);
    assert.equal(displayAt(layout, { x: -1, y: 668 }), undefined);
    assert.equal(displayAt(layout, { x: -1025, y: 0 }), undefined);
  });

  test("no displays: nothing is on screen", () => {
    assert.equal(displayAt([], { x: 0, y: 0 }), undefined);
  });
});

describe("physicalSize", () => {
  test("logical size times the scale factor", () => {
    assert.deepEqual(physicalSize(dualHidpi[1]!), { width: 2048, height: 1200 });
    assert.deepEqual(physicalSize(display({ x: 0, y: 0, width: 1366, height: 768, scaleFactor: 1.25 })), { width: 1708, height: 960 });
  });
});

describe("describeDisplays", () => {
  test("names each display's geometry and marks HiDPI", () => {
    assert.equal(describeDisplays(dualHidpi), "left: 1280x720+0+0 @2x; right: 1024x600+1280+0 @2x");
    assert.equal(describeDisplays(singleHd), "1: 1920x1080+0+0");
    assert.equal(describeDisplays([]), "no displays");
  });
});
