import { macroFromRunSuite, SCREEN } from "./support/macroFromRunSuite.js";
import { openWaylandPlayground } from "./support/playground.js";
import { startSway } from "./support/wayland.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const addon = loadWaylandAddon();
const missing = missingBinaries("sway", "chromium", ...(process.getuid?.() === 0 ? ["runuser"] : [])) ?? (typeof addon === "string" ? addon : undefined);

// e2e/macro.fromRun on a wlroots desktop: the run, saved as a macro, replays on a native Wayland
// client after its layout changes, through screencopy and the virtual pointer and keyboard.
macroFromRunSuite(
  "a successful agent run saved as a macro replays after the layout changes on Wayland (headless sway)",
  {
    start: async () => {
      const sway = await startSway([{ ...SCREEN, x: 0, y: 0, background: "#202020" }]);
      return { env: sway.sessionEnv, page: await openWaylandPlayground(sway.env), stop: () => sway.stop() };
    },
    flags: [],
    playSays: /Wayland gives no global stop key/,
  },
  skipUnlessAvailable(missing),
);
