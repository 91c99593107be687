import type { InputDriver, MouseButton } from "../ports/InputDriver.js";
import type { Point } from "../geometry/Display.js";
import { OffScreenError } from "../geometry/OffScreenError.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { PortalDesktop, type PortalStream } from "../platform/portal/PortalDesktop.js";
import { describeDisplays } from "../geometry/Display.js";
import { splitChord } from "./keyNames.js";
import { characterKeysym, namedKeymap } from "./xkbKeymap.js";
import { defaultPacing, type InputPacing } from "./NutInputDriver.js";
import { PointerMemory } from "./PointerMemory.js";
import { ClipboardPaste, type Clipboard } from "./ClipboardPaste.js";
import { MAIN_BLOCK_KEYS, readKeyboardLayout, usLayout, type KeyboardLayout } from "../platform/keyboardLayout.js";
import { loadNut } from "../platform/loadNut.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
// Linux input button codes (linux/input-event-codes.h)
const BUTTONS: Record<MouseButton, number> = { left: 0x110, right: 0x111, middle: 0x112 };
const PRESSED = 1;
const RELEASED = 0;
const CONTROL_L = 29;
const KEYBOARD_SETTLE_MS = 200;
/** A drag's steps go one per 60 Hz frame at the least: the compositor and the app merge motion that arrives within one frame. */
const FRAME_MS = 17;

/**
 * How text the desktop's layout cannot type gets in: the clipboard, and the layout that says
 * which characters need it. GNOME and KDE bridge the X11 clipboard of their XWayland to Wayland
 * clients, so where `DISPLAY` is set the X11 clipboard (nut-js's, an `xsel` owner) and keymap
 * (`xmodmap`, XWayland's copy of the desktop's) serve.
 */
export interface PortalTyping {
  clipboard(): Promise<Clipboard | undefined>;
  layout(): Promise<KeyboardLayout | undefined>;
}

/**
 * What the layout types plainly or with Shift, with Enter and Tab: the compositor finds the key
 * for each such keysym itself (AltGr levels are left to the paste, where mutter may not reach).
 */
function layoutCharacters(layout: KeyboardLayout): Set<string> {
  const chars = new Set(["\n", "\t"]);
  for (const code of MAIN_BLOCK_KEYS)
    for (const level of [0, 1] as const) {
      const typed = layout.typed(code, level);
      if (typed && "char" in typed) chars.add(typed.char);
    }
  return chars;
}

export function xwaylandTyping(env: NodeJS.ProcessEnv = process.env): PortalTyping {
  return {
    clipboard: async () => (env["DISPLAY"] ? (await loadNut()).clipboard : undefined),
    layout: () => readKeyboardLayout(env),
  };
}

/**
 * Mouse and keyboard on a GNOME or KDE Plasma Wayland desktop through the RemoteDesktop portal
 * (the desktop's own dialog grants them, with "Allow remote interaction"). Points are global
 * logical pixels; each goes to the shared monitor that holds it, relative to that stream, as
 * NotifyPointerMotionAbsolute takes it. Named keys are sent by keycode; text and letters in a
 * chord by keysym, which the compositor types with the user's own layout.
 *
 * Wayland tells no client where the pointer is (`seesPointer` false): `position()` is where
 * DeskPilot last put it.
 */
export class PortalInputDriver implements InputDriver {
  readonly seesPointer = false;
  private warmed?: object;

  constructor(
    private readonly desktop: PortalDesktop = PortalDesktop.for(),
    private readonly pacing: InputPacing = defaultPacing,
    private readonly memory = new PointerMemory(),
    private readonly typing: PortalTyping = xwaylandTyping(),
  ) {
    desktop.wantInput();
  }

  async position(): Promise<Point> {
    const p = this.memory.read();
    if (!p)
      throw new InvalidActionError(
        "Wayland does not tell DeskPilot where the pointer is, and DeskPilot has not moved it on this desktop yet: give the action a coordinate",
      );
    return p;
  }

  async move(to: Point): Promise<void> {
    await this.moveTo(to);
    this.memory.write(to);
    await sleep(this.pacing.afterMoveMs);
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    await this.move(at);
    for (let i = 0; i < count; i++) {
      await this.button(BUTTONS[button], PRESSED);
      await sleep(this.pacing.betweenEventsMs);
      await this.button(BUTTONS[button], RELEASED);
      if (i + 1 < count) await sleep(this.pacing.betweenEventsMs * 4);
    }
  }

  async drag(from: Point, to: Point): Promise<void> {
    await this.streamAt(to); // an off-screen end is refused before the button goes down
    await this.move(from);
    await this.button(BUTTONS.left, PRESSED);
    let reached = from;
    try {
      const steps = Math.max(1, this.pacing.dragSteps);
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const p = i === steps ? to : { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
        await this.moveTo(p);
        reached = p;
        await sleep(Math.max(FRAME_MS, this.pacing.betweenEventsMs * 2));
      }
    } finally {
      this.memory.write(reached);
      await this.button(BUTTONS.left, RELEASED);
    }
  }

  async scroll(at: Point, dy: number, dx = 0): Promise<void> {
    await this.move(at);
    // our dy is positive upwards; the portal's vertical axis (0) is positive downwards
    if (dy !== 0) await this.desktop.notify("NotifyPointerAxisDiscrete", "ui", [0, -Math.trunc(dy)]);
    if (dx !== 0) await this.desktop.notify("NotifyPointerAxisDiscrete", "ui", [1, Math.trunc(dx)]);
  }

  async keys(names: readonly string[]): Promise<void> {
    const keymap = namedKeymap();
    const keys = splitChord(names).map((name) => {
      const key = keymap.named(name);
      if (!key) throw new InvalidActionError(`unknown key "${name}"`);
      // a letter or digit goes by keysym, so ctrl+z is ctrl+z on any layout; the rest by their keycode
      return [...name].length === 1 && /\p{L}|\p{N}/u.test(name) ? { keysym: characterKeysym(name.toLowerCase()) } : { code: key.code };
    });
    const pressed: typeof keys = [];
    try {
      for (const key of keys) {
        await this.key(key, PRESSED);
        pressed.push(key);
        await sleep(this.pacing.betweenEventsMs);
      }
    } finally {
      // everything that went down comes up, even after a failure: a stuck modifier is worse than an error
      for (const key of pressed.reverse()) await this.key(key, RELEASED);
    }
  }

  /**
   * Each character the layout types goes as its keysym (the compositor finds the key); the runs
   * it cannot type are pasted with Ctrl+V, the user's clipboard put back after. Without a
   * clipboard every character goes as its keysym, and one the layout lacks is lost: mutter drops
   * it (the session summary says so where DISPLAY is unset).
   */
  async type(text: string): Promise<void> {
    await this.desktop.session(true);
    const clipboard = await this.typing.clipboard().catch(() => undefined);
    if (!clipboard) {
      for (const ch of text) await this.typeCharacter(ch);
      return;
    }
    const layout = (await this.typing.layout().catch(() => undefined)) ?? usLayout;
    const pasting = new ClipboardPaste(clipboard, () => this.keys(["ctrl", "v"]), this.pacing.pasteRestoreMs);
    try {
      const typeable = layoutCharacters(layout);
      let run = "";
      for (const ch of text) {
        if (typeable.has(ch)) {
          if (run) await pasting.paste(run);
          run = "";
          await this.typeCharacter(ch);
        } else if (ch !== "\r") run += ch;
      }
      if (run) await pasting.paste(run);
    } finally {
      await pasting.restore();
    }
  }

  private async typeCharacter(ch: string): Promise<void> {
    const key = { keysym: characterKeysym(ch) };
    await this.key(key, PRESSED);
    await sleep(this.pacing.betweenEventsMs);
    await this.key(key, RELEASED);
    await sleep(this.pacing.betweenEventsMs);
  }

  /**
   * mutter drops the keys sent in the first moments after a session's first key event (seen on
   * GNOME 43: the first letter of every run lost): a lone Control tap, which types nothing, takes
   * that moment, once per session.
   */
  private async keyboardReady(): Promise<void> {
    const session = await this.desktop.session(true);
    if (this.warmed === session) return;
    this.warmed = session;
    await this.desktop.notify("NotifyKeyboardKeycode", "iu", [CONTROL_L, PRESSED]);
    await this.desktop.notify("NotifyKeyboardKeycode", "iu", [CONTROL_L, RELEASED]);
    await sleep(KEYBOARD_SETTLE_MS);
  }

  private async key(key: { keysym?: number; code?: number }, state: number): Promise<void> {
    await this.keyboardReady();
    return key.keysym !== undefined
      ? this.desktop.notify("NotifyKeyboardKeysym", "iu", [key.keysym, state])
      : this.desktop.notify("NotifyKeyboardKeycode", "iu", [key.code, state]);
  }

  private button(code: number, state: number): Promise<void> {
    return this.desktop.notify("NotifyPointerButton", "iu", [code, state]);
  }

  private async moveTo(p: Point): Promise<void> {
    const stream = await this.streamAt(p);
    await this.desktop.notify("NotifyPointerMotionAbsolute", "udd", [stream.node, p.x - stream.x, p.y - stream.y]);
  }

  /** The shared monitor holding `p`; a point on none is refused before any event is sent. */
  private async streamAt(p: Point): Promise<PortalStream> {
    const { streams } = await this.desktop.session(true);
    const stream = streams.find((s) => p.x >= s.x && p.x < s.x + s.width && p.y >= s.y && p.y < s.y + s.height);
    if (!stream)
      throw new OffScreenError(
        p,
        describeDisplays(
          streams.map((s, i) => ({ id: `SCREEN-${i + 1}`, name: "", x: s.x, y: s.y, width: s.width, height: s.height, scaleFactor: 1, primary: i === 0 })),
        ),
      );
    return stream;
  }
}
