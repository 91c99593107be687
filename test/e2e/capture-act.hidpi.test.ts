import { desktopSuite } from "./support/desktopSuite.js";
import { startXvfb } from "./support/xserver.js";
import { CHROMIUM } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

// Xft.dpi 192 is how an X11 desktop says "scale factor 2": logical 960x540 on 1920x1080 pixels.
desktopSuite(
  "capture and act on a HiDPI monitor (scale factor 2)",
  {
    start: () => startXvfb({ width: 1920, height: 1080 }, 192),
    pick: (displays) => displays[0]!,
    expect: { scaleFactor: 2, displays: 1 },
  },
  skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", "xrdb", CHROMIUM)),
);
