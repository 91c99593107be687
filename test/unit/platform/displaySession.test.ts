import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { displaySession, STOP_BINDING } from "../../../agent/platform/displaySession.js";
import { missingForWlroots } from "../../../agent/platform/wlrootsSupport.js";
import type { WaylandAddon } from "../../../native/loadWaylandAddon.js";

/** What a wlroots desktop lacks, as `missingForWlroots` words it; each test says which, so none depends on this machine. */
const MISSING = ["DeskPilot's Wayland addon (native/build/deskpilot_wayland.node is not built)"];
const missing = () => MISSING;
const ready = () => [];
/** The probe for desktops that are not wlroots: it must not be asked there. */
const notAsked = (env: NodeJS.ProcessEnv): string[] => assert.fail(`wlroots probe asked on ${JSON.stringify(env)}`);

describe("displaySession", () => {
  test("each desktop as its session exports it: kind, XWayland, compositor family, reach, io", () => {
    type Row = [NodeJS.ProcessEnv, (env: NodeJS.ProcessEnv) => readonly string[], string, boolean, string | undefined, string, string];
    const swayNoX = { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-1", XDG_CURRENT_DESKTOP: "sway" };
    const swayX = { WAYLAND_DISPLAY: "wayland-1", DISPLAY: ":0", SWAYSOCK: "/run/user/1000/sway-ipc.sock" };
    const hyprland = { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-1", XDG_CURRENT_DESKTOP: "Hyprland" };
    const cases: Row[] = [
      [{ XDG_SESSION_TYPE: "x11", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "GNOME" }, notAsked, "x11", false, undefined, "full", "x11"],
      [{ DISPLAY: ":99" }, notAsked, "x11", false, undefined, "full", "x11"], // Xvfb, CI: no session variables at all
      [
        { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-0", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "ubuntu:GNOME" },
        notAsked,
        "wayland",
        true,
        "gnome",
        "x11-windows-only",
        "x11",
      ],
      [{ XDG_SESSION_TYPE: "wayland", DISPLAY: ":1", XDG_CURRENT_DESKTOP: "KDE" }, notAsked, "wayland", true, "kde", "x11-windows-only", "x11"],
      // wlroots with what native capture and input need: the whole desktop, through the compositor, XWayland or not
      [swayX, ready, "wayland", true, "wlroots", "full", "wlroots"],
      [swayNoX, ready, "wayland", false, "wlroots", "full", "wlroots"],
      [hyprland, ready, "wayland", false, "wlroots", "full", "wlroots"],
      // wlroots lacking some of it: as any other Wayland desktop
      [swayX, missing, "wayland", true, "wlroots", "x11-windows-only", "x11"],
      [swayNoX, missing, "wayland", false, "wlroots", "none", "none"],
      [hyprland, missing, "wayland", false, "wlroots", "none", "none"],
      [{ XDG_SESSION_TYPE: "Wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "COSMIC" }, notAsked, "wayland", true, "other", "x11-windows-only", "x11"],
      [{ XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "COSMIC" }, notAsked, "wayland", false, "other", "none", "none"],
      // an X11 session with a nested compositor's socket in the environment is still X11
      [{ XDG_SESSION_TYPE: "x11", DISPLAY: ":0", WAYLAND_DISPLAY: "wayland-9", SWAYSOCK: "/tmp/s" }, notAsked, "x11", false, undefined, "full", "x11"],
      [{ XDG_SESSION_TYPE: "tty" }, notAsked, "none", false, undefined, "none", "none"],
    ];
    for (const [env, probe, kind, xwayland, family, reach, io] of cases) {
      const s = displaySession(env, "linux", probe);
      assert.deepEqual([s.kind, s.xwayland, s.compositor?.family, s.reach, s.io], [kind, xwayland, family, reach, io], `${JSON.stringify(env)} ${probe.name}`);
    }
  });

  test("the wlroots probe is asked with the session's own environment", () => {
    const env = { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-1", XDG_CURRENT_DESKTOP: "sway", PATH: "/nowhere" };
    const asked: NodeJS.ProcessEnv[] = [];
    displaySession(env, "linux", (e) => (asked.push(e), []));
    assert.deepEqual(asked, [env]);
  });

  test("under XWayland it says only X11 windows are reached, and how to get the whole desktop", () => {
    const gnome = displaySession({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "ubuntu:GNOME" }, "linux", notAsked);
    assert.match(gnome.summary, /^Wayland session \(GNOME\): DeskPilot works through XWayland here, so it sees and controls X11 windows only/);
    assert.match(gnome.summary, /"GNOME on Xorg"/);
    const kde = displaySession({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "KDE" }, "linux", notAsked);
    assert.match(kde.summary, /"Plasma \(X11\)"/);
    const swayX = displaySession({ XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "sway" }, "linux", missing);
    assert.match(swayX.summary, /^Wayland session \(sway\): DeskPilot works through XWayland here, so it sees and controls X11 windows only/);
    assert.match(
      swayX.summary,
      /Install DeskPilot's Wayland addon \(native\/build\/deskpilot_wayland\.node is not built\) to control the whole desktop natively\.$/,
    );
    const cosmic = displaySession({ XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "COSMIC" }, "linux", notAsked);
    assert.match(cosmic.summary, /^Wayland session \(COSMIC\) without XWayland: DeskPilot cannot capture the screen or send input here yet/);
  });

  test("on wlroots it names what to install, and once nothing is missing says the whole desktop is reached and how to stop a run", () => {
    const env = { XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "sway" };
    const lacking = displaySession(env, "linux", missing);
    assert.match(
      lacking.summary,
      /^Wayland session \(sway\) without XWayland: DeskPilot cannot capture the screen or send input here yet\. Install DeskPilot's Wayland addon \(native\/build\/deskpilot_wayland\.node is not built\) to control the whole desktop natively\.$/,
    );
    assert.doesNotMatch(lacking.summary, /X11 session/, "the install hint replaces the advice to log into X11");
    const whole = displaySession(env, "linux", ready);
    assert.match(whole.summary, /^Wayland session \(sway\): DeskPilot sees and controls the whole desktop through the compositor's own protocols/);
    assert.ok(whole.summary.includes(STOP_BINDING), whole.summary);
    assert.match(whole.summary, /Stop button, Ctrl\+C/);
    assert.doesNotMatch(whole.summary, /Install|X11/);
  });

  test("what a wlroots desktop needs is DeskPilot's Wayland addon alone, and a missing one says why", () => {
    assert.deepEqual(
      missingForWlroots(() => "native/build/deskpilot_wayland.node is not built"),
      ["DeskPilot's Wayland addon (native/build/deskpilot_wayland.node is not built)"],
    );
    assert.deepEqual(
      missingForWlroots(() => ({}) as WaylandAddon),
      [],
    );
  });

  test("macOS and Windows use their own APIs", () => {
    const mac = displaySession({}, "darwin", notAsked);
    const win = displaySession({ XDG_CURRENT_DESKTOP: "sway" }, "win32", notAsked);
    assert.deepEqual([mac.kind, mac.reach, mac.io, win.kind, win.reach, win.io], ["os", "full", "os", "os", "full", "os"]);
  });
});
