import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot, deskpilotJson } from "../support/cli.js";
import { startXvfb, type XServer } from "./support/xserver.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import type { DisplaySession } from "../../agent/platform/displaySession.js";

// Runs on the session's display when there is one (CI starts Xvfb and openbox), else on its own Xvfb.
const adopt = process.env["DISPLAY"];

/** The session's own variables, cleared, then `vars`: what a user's desktop would export. */
function sessionEnv(display: string, vars: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DISPLAY: display };
  for (const k of [
    "XDG_SESSION_TYPE",
    "WAYLAND_DISPLAY",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_DESKTOP",
    "SWAYSOCK",
    "HYPRLAND_INSTANCE_SIGNATURE",
    "KDE_FULL_SESSION",
  ])
    delete env[k];
  return { ...env, ...vars };
}

// GNOME under Wayland, as its session exports it: DeskPilot reaches it through XWayland only
// (a wlroots session with grim and the input addon is reached natively: e2e/capture-act.wayland).
const GNOME = { XDG_SESSION_TYPE: "wayland", WAYLAND_DISPLAY: "wayland-0", XDG_CURRENT_DESKTOP: "GNOME" };

describe("the session DeskPilot runs in, said where it matters", { skip: skipUnlessAvailable(missingBinaries(...(adopt ? [] : ["Xvfb", "openbox"]))) }, () => {
  let server: XServer | undefined;
  let display: string;
  let tmp: string;

  before(async () => {
    if (adopt) display = adopt;
    else {
      server = await startXvfb({ width: 800, height: 600 });
      display = server.display;
    }
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-session-"));
  });
  after(async () => {
    await server?.stop();
    rmSync(tmp, { recursive: true, force: true });
  });

  test("capture --list names an X11 session as the whole desktop", async () => {
    const env = sessionEnv(display, { XDG_SESSION_TYPE: "x11" });
    const text = await deskpilot(["capture", "--list"], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\nsession: X11 session: DeskPilot sees and controls the whole desktop\.\n$/);
    const { session, displays } = await deskpilotJson<{ session: DisplaySession; displays: unknown[] }>(["capture", "--list"], env);
    assert.ok(displays.length > 0);
    assert.deepEqual([session.kind, session.reach], ["x11", "full"]);
  });

  test("under Wayland through XWayland, capture --list and run say that only X11 windows are reached", async () => {
    const env = sessionEnv(display, GNOME);
    const text = await deskpilot(["capture", "--list"], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /\nsession: Wayland session \(GNOME\): DeskPilot works through XWayland here, so it sees and controls X11 windows only/);
    const { session } = await deskpilotJson<{ session: DisplaySession }>(["capture", "--list"], env);
    assert.deepEqual([session.kind, session.xwayland, session.compositor?.family, session.reach], ["wayland", true, "gnome", "x11-windows-only"]);

    const answers = join(tmp, "answers.json");
    writeFileSync(answers, JSON.stringify(['<tool_call>\n{"name": "computer_use", "arguments": {"action": "terminate", "status": "success"}}\n</tool_call>']));
    const wayland = await deskpilot(["run", "nothing to do", "--replay", answers, "--runs-dir", join(tmp, "runs")], env);
    assert.equal(wayland.code, 0, wayland.stderr);
    assert.match(wayland.stderr, /deskpilot: Wayland session \(GNOME\): DeskPilot works through XWayland here, so it sees and controls X11 windows only/);
    const x11 = await deskpilot(
      ["run", "nothing to do", "--replay", answers, "--runs-dir", join(tmp, "runs")],
      sessionEnv(display, { XDG_SESSION_TYPE: "x11" }),
    );
    assert.equal(x11.code, 0, x11.stderr);
    assert.doesNotMatch(x11.stderr, /Wayland|XWayland/);
  });
});
