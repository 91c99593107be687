import { test } from "node:test";
import assert from "node:assert/strict";
import { MACOS_SETTINGS, permissionGuidanceFor, type PermissionStatuses } from "../../agent/permissions/permissionGuidanceFor.js";
import { readPermissionStatuses } from "../../electron/main/readPermissionStatuses.js";
import { permissionGuidanceForServe, permissionStatusesFromEnv } from "../../agent/permissions/permissionGuidanceForServe.js";
import { loadWaylandAddon } from "../../native/loadWaylandAddon.js";

type Row = [platform: NodeJS.Platform, statuses: PermissionStatuses, ids: string[]];

const SWAY = { name: "sway", family: "wlroots" } as const;
/** What a wlroots desktop lacks, in missingForWlroots' words; the tests say it instead of asking this machine. */
const MISSING = ["DeskPilot's Wayland addon (native/build/deskpilot_wayland.node is not built)"];

test("guidance by platform and status", () => {
  const rows: Row[] = [
    ["darwin", { screenRecording: "granted", accessibility: true }, []],
    ["darwin", { screenRecording: "denied", accessibility: true }, ["macos-screen-recording"]],
    ["darwin", { screenRecording: "not-determined", accessibility: true }, ["macos-screen-recording"]],
    ["darwin", { screenRecording: "granted", accessibility: false }, ["macos-accessibility"]],
    ["darwin", { screenRecording: "unknown", accessibility: false }, ["macos-screen-recording", "macos-accessibility"]],
    ["darwin", {}, ["macos-screen-recording", "macos-accessibility"]],
    ["linux", { sessionType: "x11", hasXDisplay: true }, []],
    ["linux", { sessionType: "wayland", hasXDisplay: true }, ["linux-wayland"]],
    ["linux", { sessionType: "Wayland", hasXDisplay: false }, ["linux-wayland"]],
    ["linux", { sessionType: "wayland", hasXDisplay: false, compositor: SWAY, wlrootsMissing: [] }, ["linux-wayland"]],
    ["linux", { sessionType: "wayland", hasXDisplay: true, compositor: SWAY, wlrootsMissing: MISSING }, ["linux-wayland"]],
    ["linux", { sessionType: "tty", hasXDisplay: false }, ["linux-no-display"]],
    ["linux", { hasXDisplay: true }, []],
    ["win32", {}, ["windows-elevated-apps"]],
    ["freebsd", {}, []],
  ];
  for (const [platform, statuses, ids] of rows) {
    assert.deepEqual(
      permissionGuidanceFor(platform, statuses).map((g) => g.id),
      ids,
      `${platform} ${JSON.stringify(statuses)}`,
    );
  }
});

test("macOS guidance says where to go and opens that pane; a policy block says whom to ask", () => {
  const [screen, access] = permissionGuidanceFor("darwin", { screenRecording: "denied", accessibility: false });
  assert.equal(screen?.severity, "blocking");
  assert.match(screen?.steps ?? "", /System Settings › Privacy & Security › Screen Recording.*reopen DeskPilot/);
  assert.equal(screen?.settingsUrl, MACOS_SETTINGS.screenRecording);
  assert.match(access?.steps ?? "", /Privacy & Security › Accessibility/);
  assert.equal(access?.settingsUrl, MACOS_SETTINGS.accessibility);
  const [restricted] = permissionGuidanceFor("darwin", { screenRecording: "restricted", accessibility: true });
  assert.match(restricted?.steps ?? "", /ask whoever manages this Mac/);
  assert.equal(restricted?.settingsUrl, undefined, "no pane can change a policy");
  for (const url of Object.values(MACOS_SETTINGS)) assert.match(url, /^x-apple\.systempreferences:com\.apple\.preference\.security\?Privacy_/);
});

test("Wayland guidance explains why and how to get an X11 session; Windows' note is only info", () => {
  const [wayland] = permissionGuidanceFor("linux", { sessionType: "wayland", hasXDisplay: true });
  assert.equal(wayland?.severity, "blocking");
  assert.match(wayland?.steps ?? "", /X11.*Log out.*on Xorg/s);
  assert.equal(permissionGuidanceFor("win32", {})[0]?.severity, "info");
});

test("statuses are read from Electron's systemPreferences on macOS, without prompting, and from the session on Linux", () => {
  const asked: unknown[] = [];
  const prefs = {
    getMediaAccessStatus: (media: string) => (asked.push(media), "denied" as const),
    isTrustedAccessibilityClient: (prompt: boolean) => (asked.push(prompt), true),
  };
  assert.deepEqual(readPermissionStatuses("darwin", prefs, {}), { screenRecording: "denied", accessibility: true });
  assert.deepEqual(asked, ["screen", false]);
  assert.deepEqual(readPermissionStatuses("linux", prefs, { XDG_SESSION_TYPE: "wayland", DISPLAY: ":0" }), { sessionType: "wayland", hasXDisplay: true });
  assert.deepEqual(readPermissionStatuses("linux", prefs, {}), { hasXDisplay: false });
  assert.deepEqual(readPermissionStatuses("win32", prefs, {}), {});
  assert.equal(asked.length, 2, "only macOS asks systemPreferences");
});

test("deskpilot serve reads what plain Node can, and on macOS names the switches instead of claiming they are off", () => {
  const cases: Array<[NodeJS.Platform, NodeJS.ProcessEnv, string[]]> = [
    ["linux", { XDG_SESSION_TYPE: "wayland", DISPLAY: ":0" }, ["linux-wayland"]],
    ["linux", { XDG_SESSION_TYPE: "x11", DISPLAY: ":0" }, []],
    ["linux", {}, ["linux-no-display"]],
    ["win32", {}, ["windows-elevated-apps"]],
    ["darwin", {}, ["macos-serve-unchecked"]],
  ];
  for (const [platform, env, ids] of cases)
    assert.deepEqual(
      permissionGuidanceForServe(platform, env).map((g) => g.id),
      ids,
      `${platform} ${JSON.stringify(env)}`,
    );
  const [mac] = permissionGuidanceForServe("darwin", {});
  assert.equal(mac?.severity, "info");
  assert.match(mac?.steps ?? "", /Screen Recording and Accessibility for the app that runs deskpilot serve/);
  assert.deepEqual(permissionStatusesFromEnv("linux", { XDG_SESSION_TYPE: "wayland" }), { sessionType: "wayland", hasXDisplay: false });
  assert.deepEqual(permissionStatusesFromEnv("darwin", { DISPLAY: ":0" }), {});
});

test("under Wayland the notice names the session's compositor and that compositor's own X11 session", () => {
  const [kde] = permissionGuidanceForServe("linux", { XDG_SESSION_TYPE: "wayland", DISPLAY: ":0", XDG_CURRENT_DESKTOP: "KDE" });
  assert.equal(kde?.title, "Wayland session: DeskPilot sees and controls X11 windows only");
  assert.match(kde?.steps ?? "", /^Wayland session \(KDE Plasma\): .*"Plasma \(X11\)"/);
  // serve asks this checkout's addon: ready where it is built (as in CI), naming it where it is not
  const [sway] = permissionGuidanceForServe("linux", { XDG_SESSION_TYPE: "wayland", XDG_CURRENT_DESKTOP: "sway" });
  const addon = loadWaylandAddon();
  if (typeof addon === "string") {
    assert.equal(sway?.severity, "blocking");
    assert.match(sway?.steps ?? "", /Install DeskPilot's Wayland addon/);
  } else {
    assert.equal(sway?.severity, "info");
    assert.match(sway?.steps ?? "", /^Wayland session \(sway\): DeskPilot sees and controls the whole desktop/);
  }
});

test("on a wlroots desktop the notice blocks while something is missing, naming it, and is only info once nothing is", () => {
  const [lacking] = permissionGuidanceFor("linux", { sessionType: "wayland", hasXDisplay: false, compositor: SWAY, wlrootsMissing: MISSING });
  assert.equal(lacking?.severity, "blocking");
  assert.equal(lacking?.title, "Wayland session: DeskPilot cannot see or control this desktop");
  assert.match(
    lacking?.steps ?? "",
    /^Wayland session \(sway\) without XWayland: DeskPilot cannot capture the screen or send input here yet\. Install DeskPilot's Wayland addon \(native\/build\/deskpilot_wayland\.node is not built\) to control the whole desktop natively\.$/,
  );
  const [viaX] = permissionGuidanceFor("linux", { sessionType: "wayland", hasXDisplay: true, compositor: SWAY, wlrootsMissing: MISSING });
  assert.equal(viaX?.severity, "blocking");
  assert.equal(viaX?.title, "Wayland session: DeskPilot sees and controls X11 windows only");
  assert.match(viaX?.steps ?? "", /Install DeskPilot's Wayland addon \(.*\) to control the whole desktop natively\.$/);
  for (const hasXDisplay of [false, true]) {
    const guidance = permissionGuidanceFor("linux", { sessionType: "wayland", hasXDisplay, compositor: SWAY, wlrootsMissing: [] });
    assert.equal(guidance.length, 1);
    const [ready] = guidance;
    assert.equal(ready?.severity, "info", `hasXDisplay ${hasXDisplay}`);
    assert.equal(ready?.title, "Wayland session: stop runs from the panel or a compositor key");
    assert.match(ready?.steps ?? "", /^Wayland session \(sway\): DeskPilot sees and controls the whole desktop through the compositor's own protocols/);
    assert.match(ready?.steps ?? "", /Stop button, Ctrl\+C, or a key bound in the compositor \(sway: bindsym /);
  }
  // what is missing only counts on wlroots: GNOME under Wayland still blocks
  const [gnome] = permissionGuidanceFor("linux", {
    sessionType: "wayland",
    hasXDisplay: true,
    compositor: { name: "GNOME", family: "gnome" },
    wlrootsMissing: [],
  });
  assert.equal(gnome?.severity, "blocking");
});
