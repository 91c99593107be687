import { afterEach, beforeEach, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WlrootsInputDriver } from "../../../agent/actions/WlrootsInputDriver.js";
import { waylandSocket } from "../../../agent/platform/waylandSocket.js";
import { PointerMemory } from "../../../agent/actions/PointerMemory.js";
import { keymapRuns, namedKeymap } from "../../../agent/actions/xkbKeymap.js";
import type { InputPacing } from "../../../agent/actions/NutInputDriver.js";
import type { Display } from "../../../agent/geometry/Display.js";
import type { WaylandAddon, WaylandOutputInfo } from "../../../native/loadWaylandAddon.js";
import { OffScreenError } from "../../../agent/geometry/OffScreenError.js";
import { InvalidActionError } from "../../../agent/errors/InvalidActionError.js";
import { NoDisplayError } from "../../../agent/errors/NoDisplayError.js";
import { DeskPilotError } from "../../../agent/errors/DeskPilotError.js";

type Call = [method: string, ...args: unknown[]];

/** The native addon as the driver sees it, recording every call; `fail` throws instead of one call. */
class FakeAddon implements WaylandAddon {
  readonly calls: Call[] = [];
  /** What the next connect says: true for a new connection (the first, or after the compositor restarted). */
  newConnection = true;
  fail?: { when: (call: Call) => boolean; error: Error };

  private record(call: Call): void {
    this.calls.push(call);
    if (this.fail?.when(call)) throw this.fail.error;
  }
  connect(name: string): boolean {
    this.record(["connect", name]);
    const isNew = this.newConnection;
    this.newConnection = false;
    return isNew;
  }
  listOutputs(): WaylandOutputInfo[] {
    throw new Error("the input driver never lists outputs itself");
  }
  captureOutput(): { data: Buffer; width: number; height: number } {
    throw new Error("the input driver never captures");
  }
  pointerMove(x: number, y: number, xExtent: number, yExtent: number): void {
    this.record(["pointerMove", x, y, xExtent, yExtent]);
  }
  pointerButton(button: number, pressed: boolean): void {
    this.record(["pointerButton", button, pressed]);
  }
  pointerScroll(axis: 0 | 1, steps: number): void {
    this.record(["pointerScroll", axis, steps]);
  }
  keymap(text: string): void {
    this.record(["keymap", text]);
  }
  key(keycode: number, pressed: boolean): void {
    this.record(["key", keycode, pressed]);
  }
  modifiers(depressed: number): void {
    this.record(["modifiers", depressed]);
  }
  sync(): void {
    this.record(["sync"]);
  }
  close(): void {
    this.record(["close"]);
  }

  /** Every call but connect, in order. */
  events(): Call[] {
    return this.calls.filter((c) => c[0] !== "connect");
  }
  /** Only the calls to these methods. */
  only(...methods: string[]): Call[] {
    return this.calls.filter((c) => methods.includes(c[0]));
  }
}

const display = (id: string, x: number, y: number, width: number, height: number, scaleFactor = 1): Display => ({
  id,
  name: id,
  x,
  y,
  width,
  height,
  scaleFactor,
  primary: id === "DP-1",
});
/** Two outputs side by side, the right one at scale 2: the layout is 1600×600 logical pixels. */
const SIDE_BY_SIDE = [display("DP-1", 0, 0, 800, 600), display("DP-2", 800, 0, 800, 600, 2)];
const pacing: InputPacing = { afterMoveMs: 0, betweenEventsMs: 0, dragSteps: 3, pasteRestoreMs: 0 };
const BTN_LEFT = 0x110;
/** A new keyboard's first key is lost by XWayland: the driver spends it on a tap of left Shift (keycode 42). */
const PRIMER: Call[] = [["key", 42, true], ["key", 42, false], ["sync"]];

let runtime: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  runtime = mkdtempSync(join(tmpdir(), "deskpilot-wlroots-"));
  env = { WAYLAND_DISPLAY: "wayland-test", XDG_RUNTIME_DIR: runtime };
});
afterEach(() => rmSync(runtime, { recursive: true, force: true }));

function driver(displays: readonly Display[] = SIDE_BY_SIDE, addon: FakeAddon | string = new FakeAddon()) {
  const input = new WlrootsInputDriver(
    async () => displays,
    env,
    pacing,
    () => addon,
    new PointerMemory(env),
  );
  return { input, addon: addon as FakeAddon };
}

describe("WlrootsInputDriver: pointer", () => {
  test("a click goes to the global logical point in the absolute frame over every output, at 8 steps a pixel", async () => {
    const { input, addon } = driver();
    await input.click({ x: 1000, y: 300 }, "left", 1);
    assert.deepEqual(addon.calls[0], ["connect", join(runtime, "wayland-test")]);
    assert.deepEqual(addon.events(), [
      ["pointerMove", 8000, 2400, 12800, 4800],
      ["sync"],
      ["pointerButton", BTN_LEFT, true],
      ["pointerButton", BTN_LEFT, false],
      ["sync"],
    ]);
    assert.equal(input.seesPointer, false, "Wayland tells no client where the pointer is");
  });

  test("the frame starts at the layout's top-left corner, wherever that is", async () => {
    const { input, addon } = driver([display("DP-1", 0, 0, 1000, 500), display("DP-2", -400, -300, 400, 300)]);
    await input.move({ x: -400, y: -300 });
    await input.move({ x: 999.5, y: 499 });
    assert.deepEqual(addon.only("pointerMove"), [
      ["pointerMove", 0, 0, 11200, 6400],
      ["pointerMove", 11196, 6392, 11200, 6400],
    ]);
  });

  test("right and middle buttons, and a double click as two presses", async () => {
    const { input, addon } = driver();
    await input.click({ x: 10, y: 10 }, "right", 1);
    await input.click({ x: 10, y: 10 }, "middle", 1);
    await input.click({ x: 10, y: 10 }, "left", 2);
    assert.deepEqual(addon.only("pointerButton"), [
      ["pointerButton", 0x111, true],
      ["pointerButton", 0x111, false],
      ["pointerButton", 0x112, true],
      ["pointerButton", 0x112, false],
      ["pointerButton", BTN_LEFT, true],
      ["pointerButton", BTN_LEFT, false],
      ["pointerButton", BTN_LEFT, true],
      ["pointerButton", BTN_LEFT, false],
    ]);
    assert.equal(addon.only("pointerMove").length, 3, "a double click moves once");
  });

  test("a point on no output is refused before anything is sent", async () => {
    // DP-2 is shorter: (1000, 500) lies inside the layout's box but on no output
    const { input, addon } = driver([display("DP-1", 0, 0, 800, 600), display("DP-2", 800, 0, 800, 400)]);
    const off = [
      { x: -1, y: 10 },
      { x: 1600, y: 0 },
      { x: 10, y: 600 },
      { x: 1000, y: 500 },
    ];
    for (const p of off) {
      await assert.rejects(input.click(p, "left", 1), OffScreenError, JSON.stringify(p));
      await assert.rejects(input.move(p), OffScreenError);
      await assert.rejects(input.scroll(p, 3), OffScreenError);
      await assert.rejects(input.drag(p, { x: 10, y: 10 }), OffScreenError, "an off-screen start");
      await assert.rejects(input.drag({ x: 10, y: 10 }, p), OffScreenError, "an off-screen end: no button goes down");
    }
    assert.deepEqual(addon.calls, [], "not even a connection");
    await assert.rejects(input.position(), InvalidActionError, "nor is the pointer remembered there");
  });

  test("a drag presses at the start, moves there in steps, and releases at the end", async () => {
    const { input, addon } = driver();
    await input.drag({ x: 100, y: 100 }, { x: 400, y: 400 });
    assert.deepEqual(addon.only("pointerMove", "pointerButton"), [
      ["pointerMove", 800, 800, 12800, 4800],
      ["pointerButton", BTN_LEFT, true],
      ["pointerMove", 1600, 1600, 12800, 4800],
      ["pointerMove", 2400, 2400, 12800, 4800],
      ["pointerMove", 3200, 3200, 12800, 4800],
      ["pointerButton", BTN_LEFT, false],
    ]);
    assert.deepEqual(await input.position(), { x: 400, y: 400 });
  });

  test("a drag that fails midway still releases the button", async () => {
    const { input, addon } = driver();
    let moves = 0;
    addon.fail = { when: (c) => c[0] === "pointerMove" && ++moves === 3, error: new Error("boom") };
    await assert.rejects(input.drag({ x: 100, y: 100 }, { x: 400, y: 400 }), /boom/);
    assert.deepEqual(addon.only("pointerButton"), [
      ["pointerButton", BTN_LEFT, true],
      ["pointerButton", BTN_LEFT, false],
    ]);
  });

  test("scrolling: our positive dy is up, Wayland's positive steps are down; dx is right in both", async () => {
    const { input, addon } = driver();
    await input.scroll({ x: 10, y: 10 }, 3);
    await input.scroll({ x: 10, y: 10 }, -2, 4);
    await input.scroll({ x: 10, y: 10 }, 0, -1);
    assert.deepEqual(addon.only("pointerScroll"), [
      ["pointerScroll", 0, -3],
      ["pointerScroll", 0, 2],
      ["pointerScroll", 1, 4],
      ["pointerScroll", 1, -1],
    ]);
    assert.equal(addon.only("pointerMove").length, 3, "each scroll moves to its point first");
  });

  test("position() is where DeskPilot last put the pointer, also for a later process on the same desktop", async () => {
    const { input } = driver();
    await assert.rejects(input.position(), InvalidActionError);
    await input.move({ x: 1000, y: 300 });
    assert.deepEqual(await input.position(), { x: 1000, y: 300 });
    const later = driver();
    assert.deepEqual(await later.input.position(), { x: 1000, y: 300 });
  });
});

describe("WlrootsInputDriver: keyboard", () => {
  test("a chord loads the named keymap once, presses in order with its modifiers, and releases in reverse", async () => {
    const { input, addon } = driver();
    await input.keys(["ctrl", "a"]);
    assert.deepEqual(addon.events(), [
      ["keymap", namedKeymap().text],
      ["modifiers", 0],
      ["sync"],
      ...PRIMER,
      ["key", 29, true],
      ["modifiers", 4],
      ["key", 30, true],
      ["key", 30, false],
      ["key", 29, false],
      ["modifiers", 0],
      ["sync"],
    ]);
    addon.calls.length = 0;
    await input.keys(["ctrl+shift+t"]);
    assert.deepEqual(addon.only("keymap"), [], "the keymap is loaded already");
    assert.deepEqual(addon.only("key", "modifiers"), [
      ["key", 29, true],
      ["modifiers", 4],
      ["key", 42, true],
      ["modifiers", 5],
      ["key", 20, true],
      ["key", 20, false],
      ["key", 42, false],
      ["modifiers", 4],
      ["key", 29, false],
      ["modifiers", 0],
    ]);
  });

  test("two keys of one modifier: it is held until the last of them is up", async () => {
    const { input, addon } = driver();
    await input.keys(["ctrl", "rctrl", "a"]);
    assert.deepEqual(addon.only("key", "modifiers").slice(3), [
      ["key", 29, true],
      ["modifiers", 4],
      ["key", 97, true],
      ["modifiers", 4],
      ["key", 30, true],
      ["key", 30, false],
      ["key", 97, false],
      ["key", 29, false],
      ["modifiers", 0],
    ]);
  });

  test("a key that fails mid-chord: what went down comes up, and no modifier stays held", async () => {
    const { input, addon } = driver();
    addon.fail = { when: (c) => c[0] === "key" && c[1] === 30 && c[2] === true, error: new Error("boom") };
    await assert.rejects(input.keys(["ctrl", "shift", "a"]), /boom/);
    assert.deepEqual(addon.only("key", "modifiers").slice(3), [
      ["key", 29, true],
      ["modifiers", 4],
      ["key", 42, true],
      ["modifiers", 5],
      ["key", 30, true], // refused
      ["key", 42, false],
      ["modifiers", 4],
      ["key", 29, false],
      ["modifiers", 0],
    ]);
  });

  test("an unknown key is refused before any key event", async () => {
    const { input, addon } = driver();
    await assert.rejects(input.keys(["ctrl", "hyperdrive"]), InvalidActionError);
    assert.deepEqual(addon.calls, []);
  });

  test("text is typed on a keymap of its own, one press per character, with no modifier held", async () => {
    const { input, addon } = driver();
    await input.type("héllo");
    const [run] = keymapRuns("héllo");
    const keymap = run!.keymap;
    assert.deepEqual(addon.only("keymap"), [["keymap", keymap.text]]);
    assert.match(keymap.text, /0x000000e9/, "é by its own keysym");
    assert.deepEqual(addon.only("modifiers"), [["modifiers", 0]]);
    assert.deepEqual(addon.only("key"), [
      ...PRIMER.filter(([m]) => m === "key"),
      ...[..."héllo"].flatMap((ch) => [
        ["key", keymap.character(ch)!.code, true],
        ["key", keymap.character(ch)!.code, false],
      ]),
    ]);
    assert.deepEqual(addon.events().at(-1), ["sync"]);
  });

  test("each keymap is sent only when it changes: text after text reuses it, a chord switches back", async () => {
    const { input, addon } = driver();
    await input.type("hello");
    await input.type("hole");
    assert.equal(addon.only("keymap").length, 1, "the same characters need no new keymap");
    await input.keys(["Return"]);
    await input.type("hole");
    assert.deepEqual(
      addon.only("keymap").map(([, text]) => (text === namedKeymap().text ? "named" : "text")),
      ["text", "named", "text"],
    );
    assert.deepEqual(addon.only("key").slice(-10, -8), [
      ["key", 28, true],
      ["key", 28, false],
    ]);
  });

  test("a text of many distinct characters switches keymaps as it goes and presses every character once", async () => {
    const { input, addon } = driver();
    const text = Array.from({ length: 120 }, (_, i) => String.fromCodePoint(0x1f300 + i)).join("");
    await input.type(text);
    assert.ok(addon.only("keymap").length > 1);
    assert.equal(addon.only("key").length, 2 + 2 * 120, "the primer's tap, then each character once");
  });

  test("a new connection (the compositor restarted) has no keymap, so the next keys send it again", async () => {
    const { input, addon } = driver();
    await input.keys(["a"]);
    await input.keys(["a"]);
    assert.equal(addon.only("keymap").length, 1);
    addon.newConnection = true;
    await input.keys(["a"]);
    assert.equal(addon.only("keymap").length, 2);
    const events = addon.events();
    assert.deepEqual(events.slice(-9), [
      ["keymap", namedKeymap().text],
      ["modifiers", 0],
      ["sync"],
      ...PRIMER,
      ["key", 30, true],
      ["key", 30, false],
      ["sync"],
    ]);
  });
});

describe("WlrootsInputDriver: errors", () => {
  test("an addon that is not built says so, as NO_INPUT", async () => {
    const { input } = driver(SIDE_BY_SIDE, "native/build/deskpilot_wayland.node is not built");
    for (const act of [() => input.click({ x: 10, y: 10 }, "left", 1), () => input.keys(["a"]), () => input.type("a")]) {
      await assert.rejects(act(), (error: unknown) => {
        assert.ok(error instanceof DeskPilotError);
        assert.equal(error.code, "NO_INPUT");
        assert.match(error.message, /deskpilot_wayland\.node is not built/);
        return true;
      });
    }
  });

  test("the addon's errors become DeskPilot's: a lost compositor is NoDisplayError, others NO_INPUT", async () => {
    const cases: Array<[string, (e: unknown) => boolean]> = [
      ["NO_DISPLAY", (e) => e instanceof NoDisplayError],
      ["DISPLAY_LOST", (e) => e instanceof NoDisplayError],
      ["NO_VIRTUAL_POINTER", (e) => e instanceof DeskPilotError && e.code === "NO_INPUT" && /no virtual pointer/.test(e.message)],
    ];
    for (const [code, expected] of cases) {
      const { input, addon } = driver();
      const error = Object.assign(new Error(code === "NO_VIRTUAL_POINTER" ? "no virtual pointer" : "cannot connect to the compositor"), { code });
      addon.fail = { when: (c) => c[0] === "connect", error };
      await assert.rejects(input.click({ x: 10, y: 10 }, "left", 1), (e: unknown) => {
        assert.ok(expected(e), `${code}: ${String(e)}`);
        assert.equal((e as Error).cause, error);
        return true;
      });
    }
  });

  test("the compositor's socket comes from the driver's environment", async () => {
    assert.equal(waylandSocket({ WAYLAND_DISPLAY: "wayland-1", XDG_RUNTIME_DIR: "/run/user/1000" }), "/run/user/1000/wayland-1");
    assert.equal(waylandSocket({ WAYLAND_DISPLAY: "/tmp/sway.sock" }), "/tmp/sway.sock");
    assert.throws(() => waylandSocket({ XDG_RUNTIME_DIR: "/run/user/1000" }), NoDisplayError);
    assert.throws(() => waylandSocket({ WAYLAND_DISPLAY: "wayland-1" }), NoDisplayError);
    env = { XDG_RUNTIME_DIR: runtime };
    const { input, addon } = driver();
    await assert.rejects(input.click({ x: 10, y: 10 }, "left", 1), NoDisplayError);
    assert.deepEqual(addon.calls, []);
  });
});
