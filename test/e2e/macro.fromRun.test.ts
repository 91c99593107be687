import { macroFromRunSuite, SCREEN } from "./support/macroFromRunSuite.js";
import { openPlayground, CHROMIUM } from "./support/playground.js";
import { startXvfb } from "./support/xserver.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";

macroFromRunSuite(
  "a successful agent run saved as a macro replays after the layout changes (own Xvfb)",
  {
    start: async () => {
      const server = await startXvfb(SCREEN);
      return { env: server.env, page: await openPlayground(server.display, { x: 0, y: 0 }, 1), stop: () => server.stop() };
    },
    flags: ["--no-hotkey"],
  },
  skipUnlessAvailable(missingBinaries("Xvfb", "openbox", "xrandr", CHROMIUM)),
);
