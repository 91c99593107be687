import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { displaySession } from "../../../agent/platform/displaySession.js";

describe("displaySession", () => {
  test("each desktop as its session exports it: kind, XWayland, compositor family, reach", () => {
    const cases: Array<[NodeJS.ProcessEnv, string, boolean, string | undefined, string]> = [
      [{ XDG_SESSION_TYPE: "x11", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "GNOME" }, "x11", false, undefined, "full"],
      [{ DISPLAY: ":99" }, "x11", false, undefined, "full"], // Xvfb, CI: no session variables at all
      [
        { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "ubuntu:GNOME" },
        "wayland",
        true,
        "gnome",
        "x11-windows-only",
      ],
      [{ XDG_SESSION_TYPE: "wayland", DISPLAY: ":1", XDG_CURRENT_DESKTOP: "KDE" }, "wayland", true, "kde", "x11-windows-only"],
      [{ WAYLAND_DISPLAY: "wayland-1", DISPLAY: ":0", SWAYSOCK: "/run/user/1000/sway-ipc.sock" }, "wayland", true, "wlroots", "x11-windows-only"],
      [{ XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-1", XDG_CURRENT_DESKTOP: "Hyprland" }, "wayland", false, "wlroots", "none"],
      [{ XDG_SESSION_TYPE: "Wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "COSMIC" }, "wayland", true, "other", "x11-windows-only"],
      // an X11 session with a nested compositor's socket in the environment is still X11
      [{ XDG_SESSION_TYPE: "x11", DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-9" }, "x11", false, undefined, "full"],
      [{ XDG_SESSION_TYPE: "tty" }, "none", false, undefined, "none"],
    ];
    for (const [env, kind, xwayland, family, reach] of cases) {
      const s = displaySession(env, "linux");
      assert.deepEqual([s.kind, s.xwayland, s.compositor?.family, s.reach], [kind, xwayland, family, reach], JSON.stringify(env));
    }
  });

  test("under XWayland it says only X11 windows are reached, and how to get the whole desktop", () => {
    const gnome = displaySession({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "ubuntu:GNOME" }, "linux");
    assert.match(gnome.summary, /^Wayland session \(GNOME\): DeskPilot works through XWayland here, so it sees and controls X11 windows only/);
    assert.match(gnome.summary, /"GNOME on Xorg"/);
    const kde = displaySession({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "KDE" }, "linux");
    assert.match(kde.summary, /"Plasma \(X11\)"/);
    const sway = displaySession({ XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "sway" }, "linux");
    assert.match(
      sway.summary,
      /^Wayland session \(sway\) without XWayland: DeskPilot captures the screen through the compositor's screencopy .* but cannot send input here yet/,
    );
    const cosmic = displaySession({ XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "COSMIC" }, "linux");
    assert.match(cosmic.summary, /^Wayland session \(COSMIC\) without XWayland: DeskPilot cannot capture the screen or send input here yet/);
  });

  test("macOS and Windows use their own APIs", () => {
    assert.deepEqual([displaySession({}, "darwin").kind, displaySession({}, "win32").reach], ["os", "full"]);
  });
});
