import { desktopSuite } from "./support/desktopSuite.js";
import { startXvfb } from "./support/xserver.js";
import { CHROMIUM } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

// Runs on the session's display when there is one (CI starts Xvfb and openbox), else on its own Xvfb.
const adopt = process.env["DISPLAY"];
desktopSuite(
  `capture and act on one monitor (${adopt ? `DISPLAY ${adopt}` : "own Xvfb"})`,
  {
    start: async () => (adopt ? { display: adopt, env: process.env, stop: async () => {} } : startXvfb({ width: 1280, height: 800 })),
    pick: (displays) => displays.find((d) => d.primary) ?? displays[0]!,
  },
  skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox", "xrandr"]), CHROMIUM)),
);
