import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { parseWaylandOutputs } from "../../../agent/platform/waylandOutputs.js";
import { ppmToRgba } from "../../../agent/capture/WlrootsScreenSource.js";

// What `wayland-info` (wayland-utils 1.1.0) printed against sway 1.7's headless backend with two
// outputs: HEADLESS-1 800x600 at scale 1 on the left, HEADLESS-2 1600x1200 at scale 2 beside it.
const SWAY = new URL("../../../../test/unit/platform/fixtures/wayland-info.sway-1.7.two-outputs.txt", import.meta.url);

describe("parseWaylandOutputs", () => {
  test("each output in the logical layout, its scale from its mode, the one at the origin primary", () => {
    assert.deepEqual(parseWaylandOutputs(readFileSync(SWAY, "utf8")), [
      { id: "HEADLESS-1", name: "HEADLESS-1", x: 0, y: 0, width: 800, height: 600, scaleFactor: 1, primary: true },
      { id: "HEADLESS-2", name: "HEADLESS-2", x: 800, y: 0, width: 800, height: 600, scaleFactor: 2, primary: false },
    ]);
  });

  test("a report with no outputs lists none", () => {
    assert.deepEqual(parseWaylandOutputs("interface: 'wl_compositor', version: 4, name: 2\n"), []);
  });
});

describe("ppmToRgba", () => {
  test("a binary PPM becomes opaque RGBA; anything else is refused", () => {
    const ppm = Buffer.concat([Buffer.from("P6\n2 1\n255\n"), Buffer.from([1, 2, 3, 250, 251, 252])]);
    const { data, width, height } = ppmToRgba(ppm);
    assert.deepEqual([width, height, ...data], [2, 1, 1, 2, 3, 255, 250, 251, 252, 255]);
    assert.throws(() => ppmToRgba(Buffer.from("P3\n1 1\n255\n0 0 0\n")), /binary PPM/);
    assert.throws(() => ppmToRgba(Buffer.from("P6\n4 4\n255\n\x00")), /holds 1 bytes, not 4x4x3/);
  });
});
