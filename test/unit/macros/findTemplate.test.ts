import { test } from "node:test";
import assert from "node:assert/strict";
import { findTemplate } from "../../../agent/macros/findTemplate.js";
import { toGray } from "../../../agent/macros/GrayImage.js";
import { BUTTON, cropAround, renderScene, type SceneButton } from "./support/renderScene.js";
import type { Capture } from "../../../agent/ports/Capture.js";

const others: SceneButton[] = [
  { label: "Cancel", x: 600, y: 400 },
  { label: "Help", x: 100, y: 500 },
  { label: "Delete", x: 400, y: 120, fill: "#cc3333" },
];
const save = (x: number, y: number, fill?: string): SceneButton => ({ label: "Save", x, y, ...(fill ? { fill } : {}) });
const centre = (b: SceneButton) => ({ x: b.x + BUTTON.width / 2, y: b.y + BUTTON.height / 2 });
const gray = (c: Capture) => toGray(c.data, c.width, c.height, 4);

const recorded = save(200, 250);
/** `scale`: the screen's native px per logical px; `search`: the scale the scale factors predict (default `scale`). */
const cases: {
  name: string;
  buttons: SceneButton[];
  scale?: number;
  search?: number;
  background?: string;
  expect?: { x: number; y: number };
  min?: number;
  max?: number;
}[] = [
  { name: "unchanged", buttons: [recorded, ...others], expect: centre(recorded), min: 0.99 },
  { name: "moved 150 px right", buttons: [save(350, 250), ...others], expect: centre(save(350, 250)), min: 0.97 },
  {
    name: "shifted down by a 48 px banner",
    buttons: [save(200, 298), ...others.map((b) => ({ ...b, y: b.y + 48 }))],
    expect: centre(save(200, 298)),
    min: 0.97,
  },
  { name: "slightly different colours", buttons: [save(200, 250, "#3a70d8"), ...others], background: "#eceff2", expect: centre(recorded), min: 0.9 },
  { name: "HiDPI 2x (recorded at 1x)", buttons: [recorded, ...others], scale: 2, expect: { x: centre(recorded).x * 2, y: centre(recorded).y * 2 }, min: 0.85 },
  {
    name: "fractional HiDPI 1.25x (recorded at 1x)",
    buttons: [recorded, ...others],
    scale: 1.25,
    expect: { x: centre(recorded).x * 1.25, y: centre(recorded).y * 1.25 },
    min: 0.85,
  },
  // The app zoomed to 110% (the scale factors did not change): found by the ±10% scales tried after the expected one.
  {
    name: "zoomed 110%, scale factors unchanged",
    buttons: [recorded, ...others],
    scale: 1.1,
    search: 1,
    expect: { x: centre(recorded).x * 1.1, y: centre(recorded).y * 1.1 },
    min: 0.8,
  },
  { name: "absent", buttons: others, max: 0.65 },
  { name: "absent, a same-shaped button with another label in its place", buttons: [{ label: "Close", x: 200, y: 250 }, ...others], max: 0.65 },
  { name: "absent on a 2x screen", buttons: others, scale: 2, max: 0.65 },
];

test("template matching table: shifts, colours, scale changes (1x→2x, 1.25x, zoom 110%), absence", async (t) => {
  const crop = await cropAround(await renderScene({ width: 1000, height: 700, buttons: [recorded, ...others] }), centre(recorded));
  for (const c of cases) {
    await t.test(c.name, async () => {
      const screen = await renderScene({
        width: 1000,
        height: 700,
        buttons: c.buttons,
        scale: c.scale ?? 1,
        ...(c.background ? { background: c.background } : {}),
      });
      const started = performance.now();
      const match = await findTemplate(gray(screen), crop, { scale: c.search ?? c.scale ?? 1 });
      const ms = performance.now() - started;
      const confidence = match?.confidence ?? 0;
      t.diagnostic(`${c.name}: confidence ${confidence.toFixed(3)} in ${ms.toFixed(0)} ms`);
      if (c.expect) {
        assert.ok(match, "found");
        assert.ok(confidence >= c.min!, `confidence ${confidence} >= ${c.min}`);
        const tol = (c.scale ?? 1) * 1.5;
        assert.ok(
          Math.abs(match.point.x - c.expect.x) <= tol && Math.abs(match.point.y - c.expect.y) <= tol,
          `found at ${JSON.stringify(match.point)}, wanted ${JSON.stringify(c.expect)}`,
        );
      } else {
        assert.ok(confidence <= c.max!, `absent element scored ${confidence}`);
      }
    });
  }
});

test("a crop recorded on a 2x display is found on a 1x display", async () => {
  const crop = await cropAround(await renderScene({ width: 1000, height: 700, buttons: [recorded, ...others], scale: 2 }), centre(recorded));
  const screen = await renderScene({ width: 1000, height: 700, buttons: [save(500, 300), ...others] });
  const match = await findTemplate(gray(screen), crop, { scale: 0.5 });
  assert.ok(match && match.confidence >= 0.85, `confidence ${match?.confidence}`);
  assert.ok(Math.abs(match.point.x - 560) <= 1.5 && Math.abs(match.point.y - 318) <= 1.5, JSON.stringify(match.point));
});

test("a featureless crop matches nothing rather than everything", async () => {
  const blank = await renderScene({ width: 400, height: 300, buttons: [] });
  const crop = await cropAround(blank, { x: 200, y: 200 });
  assert.equal(await findTemplate(gray(blank), crop), undefined);
});
