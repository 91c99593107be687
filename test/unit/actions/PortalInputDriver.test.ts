import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PortalInputDriver, type PortalTyping } from "../../../agent/actions/PortalInputDriver.js";
import { PointerMemory } from "../../../agent/actions/PointerMemory.js";
import { OffScreenError } from "../../../agent/geometry/OffScreenError.js";
import { parseXmodmap } from "../../../agent/platform/keyboardLayout.js";
import type { PortalDesktop, PortalSessionInfo } from "../../../agent/platform/portal/PortalDesktop.js";

const pacing = { afterMoveMs: 0, betweenEventsMs: 0, dragSteps: 4, pasteRestoreMs: 5 };
const CONTROL_L = 29;

/** The portal as the driver sees it: one session sharing two monitors side by side, every call recorded. */
function fakeDesktop() {
  const calls: string[] = [];
  let session: PortalSessionInfo = {
    handle: "/s/1",
    input: true,
    streams: [
      { node: 40, x: 0, y: 0, width: 1920, height: 1080 },
      { node: 41, x: 1920, y: 0, width: 1280, height: 1024 },
    ],
  };
  const desktop = {
    wantInput: () => undefined,
    session: async () => session,
    notify: async (member: string, _signature: string, args: readonly unknown[]) => {
      calls.push(`${member} ${args.join(" ")}`);
    },
  } as unknown as PortalDesktop;
  return { desktop, calls, newSession: () => (session = { ...session, handle: "/s/2" }) };
}

/** A clipboard that holds one text. */
function fakeClipboard(held: string) {
  const state = { content: held };
  return {
    state,
    clipboard: { getContent: async () => state.content, setContent: async (t: string) => void (state.content = t) },
  };
}

const memory = () => new PointerMemory({ XDG_RUNTIME_DIR: mkdtempSync(join(tmpdir(), "deskpilot-portal-")), WAYLAND_DISPLAY: "w" });
const noClipboard: PortalTyping = { clipboard: async () => undefined, layout: async () => undefined };
const keysym = (ch: string) => ch.codePointAt(0)!;

test("a click goes to the monitor that holds the point, relative to its stream, then presses and releases", async () => {
  const { desktop, calls } = fakeDesktop();
  const driver = new PortalInputDriver(desktop, pacing, memory(), noClipboard);
  await driver.click({ x: 2000, y: 30 }, "right", 1);
  assert.deepEqual(calls, ["NotifyPointerMotionAbsolute 41 80 30", "NotifyPointerButton 273 1", "NotifyPointerButton 273 0"]);
  assert.deepEqual(await driver.position(), { x: 2000, y: 30 });
});

test("a point outside every shared monitor is refused before any event, a drag's end included", async () => {
  const { desktop, calls } = fakeDesktop();
  const driver = new PortalInputDriver(desktop, pacing, memory(), noClipboard);
  await assert.rejects(driver.click({ x: 2000, y: 1050 }, "left", 1), OffScreenError);
  await assert.rejects(driver.drag({ x: 10, y: 10 }, { x: -1, y: 10 }), OffScreenError);
  assert.deepEqual(calls, []);
});

test("the first key of a session follows a lone Control tap, once per session", async () => {
  const { desktop, calls, newSession } = fakeDesktop();
  const driver = new PortalInputDriver(desktop, pacing, memory(), noClipboard);
  await driver.type("ab");
  const tap = [`NotifyKeyboardKeycode ${CONTROL_L} 1`, `NotifyKeyboardKeycode ${CONTROL_L} 0`];
  const typed = (ch: string) => [`NotifyKeyboardKeysym ${keysym(ch)} 1`, `NotifyKeyboardKeysym ${keysym(ch)} 0`];
  assert.deepEqual(calls, [...tap, ...typed("a"), ...typed("b")]);
  calls.length = 0;
  await driver.type("c");
  assert.deepEqual(calls, typed("c"), "the same session needs no second tap");
  calls.length = 0;
  newSession();
  await driver.type("d");
  assert.deepEqual(calls, [...tap, ...typed("d")], "a new session does");
});

test("with a clipboard, what the layout types goes as keysyms and the rest is pasted with Ctrl+V, the user's clipboard put back", async () => {
  const { desktop, calls } = fakeDesktop();
  const { state, clipboard } = fakeClipboard("the user's own");
  const pasted: string[] = [];
  const driver = new PortalInputDriver(desktop, pacing, memory(), { clipboard: async () => clipboard, layout: async () => undefined });
  // watch each Ctrl+V: what the clipboard holds when V goes down is what the target pastes
  const notify = desktop.notify.bind(desktop);
  (desktop as { notify: PortalDesktop["notify"] }).notify = async (member, signature, args) => {
    if (member === "NotifyKeyboardKeysym" && args[0] === keysym("v") && args[1] === 1) pasted.push(state.content);
    return notify(member, signature, args);
  };
  await driver.type("Grüße, 東京!");
  assert.deepEqual(pasted, ["üß", "東京"]);
  const typedKeysyms = calls.filter((c) => c.startsWith("NotifyKeyboardKeysym") && c.endsWith(" 1")).map((c) => Number(c.split(" ")[1]));
  assert.deepEqual(
    typedKeysyms.map((k) => String.fromCodePoint(k)),
    ["G", "r", "v", "e", ",", " ", "v", "!"],
  );
  assert.equal(state.content, "the user's own");
});

test("the layout decides what is pasted: a German keyboard types ü itself", async () => {
  const { desktop, calls } = fakeDesktop();
  const { clipboard } = fakeClipboard("");
  // xmodmap -pke on a German layout: the key right of P types ü and Ü
  const de = parseXmodmap("keycode  34 = udiaeresis Udiaeresis\nkeycode  24 = q Q\n");
  const driver = new PortalInputDriver(desktop, pacing, memory(), { clipboard: async () => clipboard, layout: async () => de });
  await driver.type("ü");
  assert.ok(calls.includes(`NotifyKeyboardKeysym ${0xfc} 1`), calls.join("\n"));
  assert.ok(!calls.some((c) => c === `NotifyKeyboardKeysym ${keysym("v")} 1`), "nothing pasted");
});

test("without a clipboard every character goes as its keysym", async () => {
  const { desktop, calls } = fakeDesktop();
  const driver = new PortalInputDriver(desktop, pacing, memory(), noClipboard);
  await driver.type("ü東");
  assert.deepEqual(
    calls.filter((c) => c.startsWith("NotifyKeyboardKeysym") && c.endsWith(" 1")),
    [`NotifyKeyboardKeysym ${0xfc} 1`, `NotifyKeyboardKeysym ${0x01000000 + 0x6771} 1`],
  );
});
