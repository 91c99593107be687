import type { InputDriver, MouseButton } from "../ports/InputDriver.js";
import type { Display, Point } from "../geometry/Display.js";
import { describeDisplays, displayAt } from "../geometry/Display.js";
import { OffScreenError } from "../geometry/OffScreenError.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { NoDisplayError } from "../errors/NoDisplayError.js";
import { waylandSocket } from "../platform/waylandSocket.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import { splitChord } from "./keyNames.js";
import { keymapRuns, modifierMask, namedKeymap, type XkbKeymap } from "./xkbKeymap.js";
import { defaultPacing, type InputPacing } from "./NutInputDriver.js";
import { PointerMemory } from "./PointerMemory.js";
import { loadWaylandAddon, type WaylandAddon } from "../../native/loadWaylandAddon.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Linux input button codes (linux/input-event-codes.h)
const BUTTONS: Record<MouseButton, number> = { left: 0x110, right: 0x111, middle: 0x112 };
/**
 * How long windows get to take up a newly added keyboard before its first key. On a seat that
 * had no keyboard (a headless compositor), the new one makes each client ask for its keyboard
 * only then, and a key sent before that is lost (measured with Chromium on sway).
 */
const NEW_KEYBOARD_SETTLE_MS = 100;
/** Sub-pixel steps per logical pixel in the absolute motion frame. */
const SUBPIXEL = 8;

/**
 * Mouse and keyboard on a wlroots compositor (sway, Hyprland, river, …), through its
 * virtual-pointer and virtual-keyboard protocols (native/wayland), in global logical pixels:
 * the compositor's output layout is that space, so a point goes to the layout as it is.
 *
 * Wayland tells no client where the pointer is: `position()` is where DeskPilot last put it
 * (remembered across processes by `PointerMemory`), so the fail-safe corner cannot see a
 * user's push here (`seesPointer` is false).
 */
export class WlrootsInputDriver implements InputDriver {
  readonly seesPointer = false;
  private keymap: XkbKeymap | undefined;
  private held = 0;
  private keyboardIsNew = false;

  constructor(
    private readonly displays: () => Promise<readonly Display[]>,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly pacing: InputPacing = defaultPacing,
    private readonly addon: () => WaylandAddon | string = loadWaylandAddon,
    private readonly memory = new PointerMemory(env),
  ) {}

  async position(): Promise<Point> {
    const p = this.memory.read();
    if (!p) {
      throw new InvalidActionError(
        "Wayland does not tell DeskPilot where the pointer is, and DeskPilot has not moved it on this desktop yet: give the action a coordinate",
      );
    }
    return p;
  }

  async move(to: Point): Promise<void> {
    const frame = await this.frameFor(to);
    this.call((a) => a.pointerMove(frame.x, frame.y, frame.width, frame.height));
    this.memory.write(to);
    this.call((a) => a.sync());
    await sleep(this.pacing.afterMoveMs);
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    await this.move(at);
    for (let i = 0; i < count; i++) {
      this.call((a) => a.pointerButton(BUTTONS[button], true));
      await sleep(this.pacing.betweenEventsMs);
      this.call((a) => a.pointerButton(BUTTONS[button], false));
      if (i + 1 < count) await sleep(this.pacing.betweenEventsMs * 4);
    }
    this.call((a) => a.sync());
  }

  async drag(from: Point, to: Point): Promise<void> {
    await this.frameFor(to); // refuses an off-screen end before the button goes down
    await this.move(from);
    this.call((a) => a.pointerButton(BUTTONS.left, true));
    let reached = from;
    try {
      const steps = Math.max(1, this.pacing.dragSteps);
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const p = i === steps ? to : { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
        const frame = await this.frameFor(p);
        this.call((a) => a.pointerMove(frame.x, frame.y, frame.width, frame.height));
        reached = p;
        await sleep(this.pacing.betweenEventsMs * 2);
      }
    } finally {
      // remembered once, where the drag got to, not a file write per step
      this.memory.write(reached);
      this.call((a) => a.pointerButton(BUTTONS.left, false));
      this.call((a) => a.sync());
    }
  }

  async scroll(at: Point, dy: number, dx = 0): Promise<void> {
    await this.move(at);
    // our dy is positive upwards; Wayland's vertical axis is positive downwards
    if (dy !== 0) this.call((a) => a.pointerScroll(0, -Math.trunc(dy)));
    if (dx !== 0) this.call((a) => a.pointerScroll(1, Math.trunc(dx)));
    this.call((a) => a.sync());
  }

  async keys(names: readonly string[]): Promise<void> {
    const keymap = namedKeymap();
    const keys = splitChord(names).map((name) => {
      const key = keymap.named(name);
      if (!key) throw new InvalidActionError(`unknown key "${name}"`);
      return key;
    });
    await this.useKeymap(keymap);
    const pressed: typeof keys = [];
    try {
      for (const key of keys) {
        this.call((a) => a.key(key.code, true));
        pressed.push(key);
        if (key.modifier) this.setModifiers(this.held | modifierMask[key.modifier]);
        await sleep(this.pacing.betweenEventsMs);
      }
    } finally {
      // Release everything that went down, even after a failure: a stuck modifier is worse than an error.
      for (let i = pressed.length - 1; i >= 0; i--) {
        const key = pressed[i]!;
        this.call((a) => a.key(key.code, false));
        // the modifier is up once no key still down (those pressed before this one) holds it
        if (key.modifier && !pressed.slice(0, i).some((k) => k.modifier === key.modifier)) this.setModifiers(this.held & ~modifierMask[key.modifier]);
      }
      this.call((a) => a.sync());
    }
  }

  async type(text: string): Promise<void> {
    for (const run of keymapRuns(text, this.keymap)) {
      await this.useKeymap(run.keymap);
      for (const ch of run.text) {
        const key = run.keymap.character(ch)!;
        this.call((a) => a.key(key.code, true));
        await sleep(this.pacing.betweenEventsMs);
        this.call((a) => a.key(key.code, false));
        await sleep(this.pacing.betweenEventsMs);
      }
    }
    this.call((a) => a.sync());
  }

  private async useKeymap(keymap: XkbKeymap): Promise<void> {
    this.call(() => undefined); // connected, so a new connection shows before the keymap is sent
    if (this.keymap === keymap) return;
    this.call((a) => a.keymap(keymap.text));
    this.keymap = keymap;
    this.setModifiers(0);
    this.call((a) => a.sync());
    if (this.keyboardIsNew) {
      this.keyboardIsNew = false;
      await sleep(NEW_KEYBOARD_SETTLE_MS);
      // XWayland drops the first key of a new keyboard, whatever the wait: spend it on a Shift tap
      const shift = keymap.named("shift")!;
      this.call((a) => a.key(shift.code, true));
      this.call((a) => a.key(shift.code, false));
      this.call((a) => a.sync());
    }
  }

  /**
   * Also sent once after each new keymap: a modifiers event makes the compositor take our
   * keyboard as the seat's active one and send its keymap to the focused window at once. Sent
   * only with the first key instead, Chromium reads that key with the keymap it had and loses it.
   */
  private setModifiers(mask: number): void {
    this.held = mask;
    this.call((a) => a.modifiers(mask));
  }

  /**
   * The point in the virtual pointer's absolute frame: the bounding box of every output, in
   * logical pixels, at SUBPIXEL steps. A point on no output is refused before any event is sent.
   */
  private async frameFor(p: Point): Promise<{ x: number; y: number; width: number; height: number }> {
    const displays = await this.displays();
    if (!displayAt(displays, p)) throw new OffScreenError(p, describeDisplays(displays));
    const left = Math.min(...displays.map((d) => d.x));
    const top = Math.min(...displays.map((d) => d.y));
    const right = Math.max(...displays.map((d) => d.x + d.width));
    const bottom = Math.max(...displays.map((d) => d.y + d.height));
    return {
      x: Math.round((p.x - left) * SUBPIXEL),
      y: Math.round((p.y - top) * SUBPIXEL),
      width: (right - left) * SUBPIXEL,
      height: (bottom - top) * SUBPIXEL,
    };
  }

  /** One addon call on a connection to this session's compositor; its failures as DeskPilot's errors. */
  private call(f: (addon: WaylandAddon) => void): void {
    const addon = this.addon();
    if (typeof addon === "string") throw new DeskPilotError("NO_INPUT", `cannot send input on this Wayland desktop: ${addon}`);
    const name = waylandSocket(this.env);
    try {
      // a new connection (the first, or after the compositor restarted) has no keyboard yet: its first keymap adds one
      if (addon.connect(name)) {
        this.keymap = undefined;
        this.keyboardIsNew = true;
        this.held = 0;
      }
      f(addon);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "NO_DISPLAY" || code === "DISPLAY_LOST") throw new NoDisplayError((error as Error).message, { cause: error });
      if (code) throw new DeskPilotError("NO_INPUT", (error as Error).message, { cause: error });
      throw error;
    }
  }
}
