import { test } from "node:test";
import assert from "node:assert/strict";
import { groundSuite } from "./support/groundSuite.js";
import { startXvfb } from "./support/xserver.js";
import { CHROMIUM } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { deskpilot } from "../support/cli.js";
import { skipWithoutAddon, tinyModel } from "../native/support/tinyModel.js";
import { smartResize } from "../../agent/geometry/smartResize.js";
import { cliGroundedOrRefused } from "../support/randomModelGrounding.js";

const x11 = skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", "xrdb", CHROMIUM));

groundSuite("ground on a 2560×1440 monitor (stated test oracle)", () => startXvfb({ width: 2560, height: 1440 }), [2560, 1440], x11);

groundSuite(
  "ground on a HiDPI monitor, 1920×1080 native at scale 2 (stated test oracle, then the tiny model)",
  () => startXvfb({ width: 1920, height: 1080 }, 192),
  [1920, 1080],
  x11,
  ({ env, display }) => {
    test("the tiny model through the same --screen path: shape, frame, timings, a point on the display", { skip: skipWithoutAddon() }, async () => {
      const { model, mmproj } = tinyModel();
      const r = await deskpilot(["ground", "--screen", "the Click me button", "--model", model, "--mmproj", mmproj, "--gpu-layers", "0", "--json"], env());
      const frame = smartResize(1920, 1080, 1024, 4096);
      // random weights: far outside the frame, the answer is refused with the reason
      const doc = cliGroundedOrRefused<{ frame: object; screen: { x: number; y: number }; raw: string; timings: { modelMs: number; passes: number } }>(
        r,
        frame,
      );
      if (!doc) return;
      assert.deepEqual(doc.frame, frame);
      assert.match(doc.raw, /"point_2d": ?\[\d+, ?\d+\]/);
      const d = display();
      assert.ok(doc.screen.x >= d.x && doc.screen.x <= d.x + d.width && doc.screen.y >= d.y && doc.screen.y <= d.y + d.height, JSON.stringify(doc.screen));
      assert.ok(doc.timings.modelMs > 0 && doc.timings.passes === 1);
    });
  },
);
