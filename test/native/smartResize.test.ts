import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { smartResize } from "../../agent/geometry/smartResize.js";

// docs/design.md §3's worked examples, checked against the formula.
describe("smartResize", () => {
  test("1920x1080 → 1932x1092, 2691 tokens", () => {
    assert.deepEqual(smartResize(1920, 1080, 1024, 4096), { width: 1932, height: 1092, tokens: 2691 });
  });
  test("2560x1440 hits the 4096-token cap → 2380x1344", () => {
    assert.deepEqual(smartResize(2560, 1440, 1024, 4096), { width: 2380, height: 1344, tokens: 4080 });
  });
  test("a 64x64 image is raised to the minimum", () => {
    assert.deepEqual(smartResize(64, 64, 1024, 4096), { width: 896, height: 896, tokens: 1024 });
    assert.deepEqual(smartResize(64, 64, 8, 4096), { width: 84, height: 84, tokens: 9 });
  });
  test("portrait keeps its orientation", () => {
    assert.deepEqual(smartResize(800, 1280, 8, 4096), { width: 812, height: 1288, tokens: 1334 });
  });
});
