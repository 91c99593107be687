import { test } from "node:test";
import assert from "node:assert/strict";
import { parseStreams } from "../../../agent/platform/portal/PortalDesktop.js";
import { unwrap, vardict } from "../../../agent/platform/portal/PortalBus.js";
import { displaySession, noGlobalInput, STOP_COMMAND } from "../../../agent/platform/displaySession.js";

// Start's streams as @homebridge/dbus-native reads a(ua{sv}) off the bus: variants as [[signature tree], [value]].
const v = (sig: string, value: unknown) => [[{ type: sig, child: [] }], [value]];

test("the portal's streams become monitors in the logical layout, left to right; a lone stream without a position is at the origin", () => {
  const streams = parseStreams([
    [
      51,
      [
        ["position", v("(ii)", [1920, 0])],
        ["size", v("(ii)", [1280, 1024])],
        ["source_type", v("u", 1)],
      ],
    ],
    [
      50,
      [
        ["position", v("(ii)", [0, 0])],
        ["size", v("(ii)", [1920, 1080])],
      ],
    ],
  ]);
  assert.deepEqual(streams, [
    { node: 50, x: 0, y: 0, width: 1920, height: 1080 },
    { node: 51, x: 1920, y: 0, width: 1280, height: 1024 },
  ]);
  assert.deepEqual(parseStreams([[7, [["size", v("(ii)", [800, 600])]]]]), [{ node: 7, x: 0, y: 0, width: 800, height: 600 }]);
  assert.deepEqual(parseStreams([[7, [["position", v("(ii)", [0, 0])]]]]), [], "a stream without a size is no monitor");
  assert.deepEqual(parseStreams(undefined), []);
});

test("variants and a{sv} results are unwrapped", () => {
  assert.equal(unwrap(v("s", "/org/freedesktop/portal/desktop/session/1_2/x")), "/org/freedesktop/portal/desktop/session/1_2/x");
  assert.deepEqual(
    [
      ...vardict([
        ["devices", v("u", 3)],
        ["restore_token", v("s", "abc")],
      ]),
    ],
    [
      ["devices", 3],
      ["restore_token", "abc"],
    ],
  );
});

test("GNOME and KDE Wayland sessions act through the portal once the session bus and the PipeWire addon are there, and say what is missing otherwise", () => {
  const env = { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-0", XDG_CURRENT_DESKTOP: "GNOME", DISPLAY: ":0" };
  const ready = displaySession(
    env,
    "linux",
    () => [],
    () => [],
  );
  assert.equal(ready.io, "portal");
  assert.equal(ready.reach, "full");
  assert.match(ready.summary, /ScreenCast and RemoteDesktop portals/);
  assert.match(ready.summary, /Allow remote interaction/);
  assert.doesNotMatch(ready.summary, /cannot be typed/);
  assert.ok(ready.summary.includes(`GNOME: Settings › Keyboard › Custom Shortcuts, command ${STOP_COMMAND}`), ready.summary);
  const { DISPLAY: _, ...bare } = env;
  const noXwayland = displaySession(
    bare,
    "linux",
    () => [],
    () => [],
  );
  assert.equal(noXwayland.io, "portal");
  assert.match(noXwayland.summary, /characters the keyboard layout lacks cannot be typed/);
  const kde = displaySession(
    { ...env, XDG_CURRENT_DESKTOP: "KDE" },
    "linux",
    () => [],
    () => [],
  );
  assert.equal(kde.io, "portal");
  assert.ok(kde.summary.includes(`KDE: System Settings › Shortcuts › Add New › Command, ${STOP_COMMAND}`), kde.summary);
  // no stop key and no corner where DeskPilot acts through the portal; under XWayland alone a hook still hears X11 windows
  assert.match(noGlobalInput(ready) ?? "", /lets no program hear keys pressed in other windows, or see the pointer/);
  assert.equal(noGlobalInput(kde), noGlobalInput(ready));
  const missing = displaySession(
    env,
    "linux",
    () => [],
    () => ["DeskPilot's PipeWire addon (not built)"],
  );
  assert.equal(missing.io, "x11");
  assert.equal(missing.reach, "x11-windows-only");
  assert.match(missing.summary, /needs DeskPilot's PipeWire addon \(not built\)\. Or: Log out/);
  assert.equal(noGlobalInput(missing), undefined);
  const sway = displaySession(
    { ...env, XDG_CURRENT_DESKTOP: "sway" },
    "linux",
    () => [],
    () => {
      throw new Error("the portal is not asked about on a wlroots desktop");
    },
  );
  assert.equal(sway.io, "wlroots");
  assert.equal(noGlobalInput(sway), noGlobalInput(ready));
});
