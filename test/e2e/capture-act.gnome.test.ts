import { desktopSuite } from "./support/desktopSuite.js";
import { startGnome, type GnomeServer } from "./support/gnome.js";
import { openWaylandPlayground } from "./support/playground.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { loadPipewireAddon } from "../../native/loadPipewireAddon.js";

const addon = loadPipewireAddon();
const missing =
  missingBinaries("mutter", "dbus-daemon", "pipewire", "wireplumber", "chromium", "/usr/libexec/xdg-desktop-portal", "/usr/libexec/xdg-desktop-portal-gnome") ??
  (typeof addon === "string" ? addon : undefined);
let gnome: GnomeServer;

// GNOME's compositor (mutter, headless) with its real xdg-desktop-portal-gnome: DeskPilot's CLI
// captures through the ScreenCast portal (frames over PipeWire), after the desktop's own
// consent dialog, which the test's "user" answers on screen, and acts through the
// RemoteDesktop portal after the same dialog (each CLI run asks it: portal 1.16 has no restore
// token for it). The playground page is a native Wayland client (Chromium on Ozone/Wayland);
// mutter runs its XWayland, as GNOME does, whose X11 clipboard it bridges to Wayland clients:
// characters the layout lacks are pasted through it.
desktopSuite(
  "capture and act on GNOME (mutter) through the desktop portals",
  {
    start: async () => {
      gnome = await startGnome(1024, 768, { xwayland: true });
      return { display: gnome.display, env: gnome.env, stop: () => gnome.stop() };
    },
    pick: (displays) => displays[0]!,
    expect: { scaleFactor: 1, originX: 0, displays: 1 },
    sources: ["portal"],
    open: (server) => openWaylandPlayground(server.env),
  },
  skipUnlessAvailable(missing),
);
