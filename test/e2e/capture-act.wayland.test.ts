import { desktopSuite } from "./support/desktopSuite.js";
import { startSway, type WaylandServer } from "./support/wayland.js";
import { openWaylandPlayground } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

const addon = loadWaylandAddon();
const missing =
  missingBinaries("sway", "swaymsg", "grim", "wayland-info", "swaybg", "chromium", ...(process.getuid?.() === 0 ? ["runuser"] : [])) ??
  (typeof addon === "string" ? addon : undefined);
let sway: WaylandServer;

// A headless sway with two outputs side by side, the second at scale 2; the playground page is a
// native Wayland client (Chromium on Ozone/Wayland) fullscreen on the HiDPI one. DeskPilot's CLI
// captures through screencopy and acts through the virtual pointer and keyboard, exactly as the
// X11 suites do, in global logical pixels.
desktopSuite(
  "capture and act on a wlroots compositor (sway): a native Wayland client on the HiDPI output beside another",
  {
    start: async () => {
      sway = await startSway([
        { width: 800, height: 600, x: 0, y: 0, background: "#c03020" },
        { width: 1600, height: 1200, scale: 2, x: 800, y: 0, background: "#20a040" },
      ]);
      return { display: sway.display, env: sway.sessionEnv, stop: () => sway.stop() };
    },
    pick: (displays) => displays.find((d) => d.id === "HEADLESS-2")!,
    expect: { scaleFactor: 2, originX: 800, displays: 2 },
    sources: ["wlr-screencopy"],
    open: async (server, display) => {
      await sway.command("focus", "output", display.id);
      return openWaylandPlayground(server.env);
    },
  },
  skipUnlessAvailable(missing),
);
