import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { deskpilot, deskpilotJson } from "../support/cli.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import type { Display } from "../../agent/geometry/Display.js";
import { WlrootsScreenSource } from "../../agent/capture/WlrootsScreenSource.js";

const missing = missingBinaries("sway", "grim", "wayland-info", "swaybg", ...(process.getuid?.() === 0 ? ["runuser"] : []));

// Two outputs side by side, the second HiDPI: colours at known places, through the compositor's screencopy.
describe("capture on a wlroots compositor (sway, headless)", { skip: skipUnlessAvailable(missing) }, () => {
  let sway: WaylandServer;
  let tmp: string;
  const env = () => ({ ...sway.env, XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "sway" });

  before(async () => {
    sway = await startSway([
      { width: 800, height: 600, x: 0, y: 0, background: "#c03020" },
      { width: 1600, height: 1200, scale: 2, x: 800, y: 0, background: "#20a040" },
    ]);
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-wayland-"));
  });
  after(async () => {
    await sway?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("capture --list lists both outputs in the logical layout, the HiDPI one at 2x, and says what works here", async () => {
    const { displays } = await deskpilotJson<{ displays: Display[] }>(["capture", "--list"], env());
    assert.deepEqual(
      displays.map((d) => [d.id, d.x, d.y, d.width, d.height, d.scaleFactor, d.primary]),
      [
        ["HEADLESS-1", 0, 0, 800, 600, 1, true],
        ["HEADLESS-2", 800, 0, 800, 600, 2, false],
      ],
    );
    const text = await deskpilot(["capture", "--list"], env());
    assert.match(text.stdout, /session: Wayland session \(sway\): DeskPilot sees and controls the whole desktop through the compositor's own protocols/);
  });

  test("each output is captured at its own pixels with its own colour; wlr-screencopy is the default here", async () => {
    for (const [id, width, height, rgb] of [
      ["HEADLESS-1", 800, 600, [0xc0, 0x30, 0x20]],
      ["HEADLESS-2", 1600, 1200, [0x20, 0xa0, 0x40]],
    ] as const) {
      const out = join(tmp, `${id}.png`);
      const r = await deskpilotJson<{ width: number; height: number; source: string }>(["capture", "--display", id, "--out", out], env());
      assert.deepEqual([r.width, r.height, r.source], [width, height, "wlr-screencopy"]);
      const { data, info } = await sharp(out).raw().toBuffer({ resolveWithObject: true });
      assert.deepEqual([info.width, info.height], [width, height]);
      for (const [x, y] of [
        [5, 5],
        [width - 5, height - 5],
        [width >> 1, height >> 1],
      ] as const) {
        const at = (y * width + x) * info.channels;
        assert.deepEqual([...data.subarray(at, at + 3)], [...rgb], `${id} (${x}, ${y})`);
      }
    }
  });

  test("where the addon is not built, grim and wayland-info capture the same outputs and pixels", async () => {
    const addon = new WlrootsScreenSource(env());
    const tools = new WlrootsScreenSource(env(), () => "not built here");
    assert.deepEqual(await tools.listDisplays(), await addon.listDisplays());
    for (const id of ["HEADLESS-1", "HEADLESS-2"]) {
      const [a, t] = [await addon.capture(id), await tools.capture(id)];
      assert.deepEqual([t.width, t.height], [a.width, a.height]);
      assert.ok(t.data.equals(a.data), `${id}: the same pixels both ways`);
    }
  });

  test("a display that is not there is named as such, with the ones that are", async () => {
    const r = await deskpilot(["capture", "--display", "HEADLESS-9", "--out", join(tmp, "never.png")], env());
    assert.equal(r.code, 1);
    assert.match(r.stderr, /HEADLESS-9.*HEADLESS-1/s);
  });
});
