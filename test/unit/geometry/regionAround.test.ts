import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { regionClipped, regionInside, toCapturePixel } from "../../../agent/geometry/regionAround.js";

describe("regionAround", () => {
  const image = { width: 200, height: 100 };

  test("a global logical point lands in a capture's native pixels by its display's origin and scale", () => {
    assert.deepEqual(toCapturePixel({ x: 110, y: 20 }, { x: 100, y: 0, scaleFactor: 2 }), { x: 20, y: 40 });
  });

  test("regionInside keeps the size and slides it inside at an edge; never larger than the image", () => {
    assert.deepEqual(regionInside({ x: 100, y: 50 }, { width: 40, height: 20 }, image), { x: 80, y: 40, width: 40, height: 20 });
    assert.deepEqual(regionInside({ x: 5, y: 98 }, { width: 40, height: 20 }, image), { x: 0, y: 80, width: 40, height: 20 });
    assert.deepEqual(regionInside({ x: 5, y: 5 }, { width: 400, height: 20 }, image), { x: 0, y: 0, width: 200, height: 20 });
  });

  test("regionClipped cuts at the edges, so the centre keeps its place in the crop; at least one pixel", () => {
    assert.deepEqual(regionClipped({ x: 100, y: 50 }, { x: 20, y: 10 }, image), { x: 80, y: 40, width: 40, height: 20 });
    assert.deepEqual(regionClipped({ x: 5, y: 98 }, { x: 20, y: 10 }, image), { x: 0, y: 88, width: 40, height: 12 });
    assert.deepEqual(regionClipped({ x: 250, y: 50 }, { x: 20, y: 10 }, image), { x: 230, y: 40, width: 1, height: 20 });
  });
});
