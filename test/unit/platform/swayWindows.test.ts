import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseSwayTree } from "../../../agent/platform/swayWindows.js";
import { PanelWindows } from "../../../agent/service/PanelWindows.js";

// `swaymsg -t get_tree -r` from sway 1.7 (headless, one 1280x800 output): the panel's Chromium
// window (title "DeskPilot") tiled left of a form's; the panel's page itself reported (0, 0).
const tree = readFileSync(fileURLToPath(new URL("../../../../test/unit/platform/fixtures/sway-1.7.get_tree.panel-beside-form.json", import.meta.url)), "utf8");
const report = { id: "page-1", x: 0, y: 0, width: 656, height: 793, focused: false };

describe("sway's windows (parseSwayTree)", () => {
  test("every view of the tree with its title and content rect, outputs and workspaces left out", () => {
    assert.deepEqual(parseSwayTree(tree), [
      { title: "DeskPilot - Chromium", rect: { x: 0, y: 25, width: 640, height: 775 }, visible: true },
      { title: "Form - Chromium", rect: { x: 640, y: 25, width: 640, height: 775 }, visible: true },
    ]);
  });

  test("floating and X11 views count too; hidden ones are kept but marked", () => {
    const json = JSON.stringify({
      type: "root",
      nodes: [
        {
          type: "workspace",
          nodes: [{ type: "con", name: "tabbed away", window: 4194307, rect: { x: 0, y: 0, width: 10, height: 10 }, visible: false }],
          floating_nodes: [{ type: "floating_con", name: "DeskPilot", app_id: "electron", rect: { x: 5, y: 6, width: 7, height: 8 }, visible: true }],
        },
      ],
    });
    assert.deepEqual(
      parseSwayTree(json).map((w) => [w.title, w.visible]),
      [
        ["tabbed away", false],
        ["DeskPilot", true],
      ],
    );
  });
});

describe("PanelWindows placed by the compositor", () => {
  test("the compositor's DeskPilot windows stand in for the (0, 0) a Wayland page reports, while a panel is open", () => {
    let now = 0;
    const panels = new PanelWindows(() => now);
    panels.placeFromCompositor(parseSwayTree(tree));
    assert.deepEqual(panels.rects(), [], "no panel page open: nothing to blank");
    panels.report(report);
    assert.deepEqual(panels.rects(), [{ x: 0, y: 25, width: 640, height: 775 }], "the panel's window, not the form's");
    now += 10_000;
    assert.deepEqual(panels.rects(), [], "the page stopped reporting");
  });

  test("where the compositor cannot say, nothing is blanked rather than the wrong place", () => {
    const panels = new PanelWindows(() => 0);
    panels.report({ ...report, x: 0, y: 0 });
    panels.placeFromCompositor("unknown");
    assert.deepEqual(panels.rects(), []);
    panels.placeFromCompositor(undefined);
    assert.deepEqual(panels.rects(), [{ x: 0, y: 0, width: 656, height: 793 }], "elsewhere the page's own report");
  });
});
