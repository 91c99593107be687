import type { InputDriver, MouseButton } from "../ports/InputDriver.js";
import type { Display, Point } from "../geometry/Display.js";
import { describeDisplays, displayAt } from "../geometry/Display.js";
import { systemDisplays } from "../platform/systemDisplays.js";
import { toLogicalPoint, toNativePoint } from "../geometry/nativeSpace.js";
import { loadNut } from "../platform/loadNut.js";
import { OffScreenError } from "../geometry/OffScreenError.js";
import { InvalidActionError } from "../errors/InvalidActionError.js";
import { keyEnumName, splitChord } from "./keyNames.js";
import { planTyping } from "./planTyping.js";
import { ClipboardPaste } from "./ClipboardPaste.js";
import { readKeyboardLayout, usLayout, type KeyboardLayout } from "../platform/keyboardLayout.js";

export interface InputPacing {
  /** Pause after moving the pointer, so hover state settles before a press. */
  readonly afterMoveMs: number;
  /** Pause between low-level key and button events. */
  readonly betweenEventsMs: number;
  /** Intermediate pointer positions during a drag (apps need motion between press and release). */
  readonly dragSteps: number;
  /** How long the target gets to read a pasted text before the clipboard changes again. */
  readonly pasteRestoreMs: number;
}

export const defaultPacing: InputPacing = { afterMoveMs: 15, betweenEventsMs: 4, dragSteps: 12, pasteRestoreMs: 600 };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Mouse and keyboard through nut-js, in global logical pixels, paced by DeskPilot itself. */
export class NutInputDriver implements InputDriver {
  private layout?: { readonly at: number; readonly layout: Promise<KeyboardLayout> };

  constructor(
    private readonly pacing: InputPacing = defaultPacing,
    private readonly displays: () => Display[] = systemDisplays,
    /** What the keys type now (X11: the server's keymap; elsewhere, or without xmodmap, US). */
    private readonly readLayout: () => Promise<KeyboardLayout | undefined> = () => readKeyboardLayout(),
  ) {}

  async position(): Promise<Point> {
    const nut = await loadNut();
    const p = await nut.mouse.getPosition();
    return toLogicalPoint(this.displays(), { x: p.x, y: p.y });
  }

  async move(to: Point): Promise<void> {
    const nut = await loadNut();
    await nut.mouse.setPosition(this.toNative(to, nut));
    await sleep(this.pacing.afterMoveMs);
  }

  async click(at: Point, button: MouseButton, count: 1 | 2 | 3): Promise<void> {
    const nut = await loadNut();
    await this.move(at);
    const b = { left: nut.Button.LEFT, right: nut.Button.RIGHT, middle: nut.Button.MIDDLE }[button];
    for (let i = 0; i < count; i++) {
      await nut.mouse.pressButton(b);
      await sleep(this.pacing.betweenEventsMs);
      await nut.mouse.releaseButton(b);
      if (i + 1 < count) await sleep(this.pacing.betweenEventsMs * 4);
    }
  }

  async drag(from: Point, to: Point): Promise<void> {
    const nut = await loadNut();
    const end = this.toNative(to, nut);
    await this.move(from);
    await nut.mouse.pressButton(nut.Button.LEFT);
    try {
      const steps = Math.max(1, this.pacing.dragSteps);
      for (let i = 1; i <= steps; i++) {
        const t = i / steps;
        const p = { x: from.x + (to.x - from.x) * t, y: from.y + (to.y - from.y) * t };
        await nut.mouse.setPosition(i === steps ? end : this.toNative(p, nut));
        await sleep(this.pacing.betweenEventsMs * 2);
      }
    } finally {
      await nut.mouse.releaseButton(nut.Button.LEFT);
    }
  }

  async scroll(at: Point, dy: number, dx = 0): Promise<void> {
    const nut = await loadNut();
    await this.move(at);
    if (dy > 0) await nut.mouse.scrollUp(dy);
    else if (dy < 0) await nut.mouse.scrollDown(-dy);
    if (dx > 0) await nut.mouse.scrollRight(dx);
    else if (dx < 0) await nut.mouse.scrollLeft(-dx);
  }

  async keys(names: readonly string[]): Promise<void> {
    const nut = await loadNut();
    const parts = splitChord(names);
    const keys = parts.map((name) => {
      const enumName = keyEnumName(name);
      const key = enumName === undefined ? undefined : (nut.Key as unknown as Record<string, number>)[enumName];
      if (key === undefined) throw new InvalidActionError(`unknown key "${name}"`);
      return key;
    });
    const pressed: number[] = [];
    try {
      for (const key of keys) {
        await nut.keyboard.pressKey(key);
        pressed.push(key);
        await sleep(this.pacing.betweenEventsMs);
      }
    } finally {
      // Release everything that went down, even after a failure: a stuck modifier is worse than an error.
      for (const key of pressed.reverse()) await nut.keyboard.releaseKey(key);
    }
  }

  async type(text: string): Promise<void> {
    const nut = await loadNut();
    const pasting = new ClipboardPaste(nut.clipboard, () => this.keys([process.platform === "darwin" ? "cmd" : "ctrl", "v"]), this.pacing.pasteRestoreMs);
    try {
      for (const step of planTyping(text, await this.currentLayout())) {
        if (step.kind === "paste") {
          await pasting.paste(step.text);
          continue;
        }
        await this.keys(step.keys);
        await sleep(this.pacing.betweenEventsMs);
      }
    } finally {
      await pasting.restore();
    }
  }

  /** The keyboard layout, read again when the last reading is a few seconds old: the user may switch layouts. */
  private currentLayout(): Promise<KeyboardLayout> {
    if (!this.layout || performance.now() - this.layout.at > 5000) {
      this.layout = {
        at: performance.now(),
        layout: this.readLayout().then(
          (l) => l ?? usLayout,
          () => usLayout,
        ),
      };
    }
    return this.layout.layout;
  }

  private toNative(p: Point, nut: typeof import("@nut-tree-fork/nut-js")): InstanceType<typeof nut.Point> {
    const displays = this.displays();
    const display = displayAt(displays, p);
    if (!display) throw new OffScreenError(p, describeDisplays(displays));
    const n = toNativePoint(display, p);
    return new nut.Point(n.x, n.y);
  }
}
