import { existsSync } from "node:fs";
import { desktopSuite } from "./support/desktopSuite.js";
import { startXorgDummy } from "./support/xserver.js";
import { CHROMIUM } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

const dummyDriver = "/usr/lib/xorg/modules/drivers/dummy_drv.so";
const missing =
  missingBinaries("Xorg", "openbox", "xrandr", CHROMIUM) ??
  (existsSync(dummyDriver) ? undefined : "xserver-xorg-video-dummy not installed") ??
  (process.getuid?.() === 0 ? undefined : "Xorg with the dummy driver needs root");

// Two side-by-side monitors of different sizes; the page goes on the second, at x = 1920.
desktopSuite(
  "capture and act on the second of two monitors",
  {
    start: () =>
      startXorgDummy([
        { width: 1920, height: 1080 },
        { width: 1280, height: 1024 },
      ]),
    pick: (displays) => displays.find((d) => d.x > 0)!,
    expect: { originX: 1920, displays: 2, scaleFactor: 1 },
    // The dummy driver reports every output after the first as "disconnected" (with a mode),
    // and screenshot-desktop lists connected outputs only.
    blind: { "screenshot-desktop": /screenshot-desktop failed: it does not list display \d+ \(DUMMY1\)/ },
  },
  skipUnlessAvailable(missing),
);
