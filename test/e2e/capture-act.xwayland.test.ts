import { desktopSuite } from "./support/desktopSuite.js";
import { startSway } from "./support/wayland.js";
import { openPlayground } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const addon = loadWaylandAddon();
const missing =
  missingBinaries("sway", "Xwayland", "xhost", "chromium", ...(process.getuid?.() === 0 ? ["runuser"] : [])) ?? (typeof addon === "string" ? addon : undefined);

// A wlroots session with XWayland, as most sway and Hyprland users run it: the playground is an
// X11 client this time (Chromium on XWayland). DeskPilot still goes through the compositor, not
// XWayland, so it sees and reaches X11 windows and native ones alike.
desktopSuite(
  "capture and act on a wlroots compositor (sway) through its own protocols: an X11 client under XWayland",
  {
    start: async () => {
      const sway = await startSway([{ width: 1280, height: 720, x: 0, y: 0, background: "#2040a0" }], { xwayland: true });
      return { display: sway.xDisplay!, env: sway.sessionEnv, stop: () => sway.stop() };
    },
    pick: (displays) => displays[0]!,
    expect: { scaleFactor: 1, displays: 1 },
    sources: ["wlr-screencopy"],
    open: (server) => openPlayground(server.display, { x: 0, y: 0 }, 1),
  },
  skipUnlessAvailable(missing),
);
