import type { Capture } from "../../ports/Capture.js";
import { displayAt, type Display, type Point, type Rect } from "../../geometry/Display.js";
import type { ScreenSource } from "../../ports/ScreenSource.js";
import type { Macro } from "../MacroSchema.js";
import { GlobalInputHook } from "../../inputHook/GlobalInputHook.js";
import type { RawEvent } from "../../inputHook/RawEvent.js";
import { compressEvents, DRAG_PX, type LogicalEvent } from "./compressEvents.js";
import { buildMacro, type Describe, type Shot } from "./buildMacro.js";
import { CONTEXT_HALF, cropTarget } from "./cropTarget.js";
import { FrameTap } from "./FrameTap.js";
import { OwnWindowFilter } from "./OwnWindowFilter.js";
import { dropPanelInput, type PanelInputEvent } from "./panelInput.js";
import { readKeyboardLayout, usLayout, type KeyboardLayout } from "../../platform/keyboardLayout.js";
import { windowAt, type WindowInfo } from "./windowAt.js";
import { DEFAULT_STOP_KEY, stopKeyMatcher } from "../../inputHook/stopKeyMatcher.js";
import { toLogicalPoint } from "../../geometry/nativeSpace.js";
import { RecorderError } from "./RecorderError.js";

/** How long saving a recording waits for the model's descriptions still in progress: they are a bonus, the crops are the macro. */
export const DESCRIBE_GRACE_MS = 30_000;

export interface RecorderOptions {
  readonly screen: ScreenSource;
  readonly displays: readonly Display[];
  /** The key or chord that ends the recording (never recorded itself). Default "scrolllock". */
  readonly stopKey?: string;
  /** DeskPilot's own windows, global logical px: presses there, and keys typed after them, are not recorded. */
  readonly exclude?: () => readonly Rect[];
  /** Names each target (the model); runs beside the recording, and a failure costs only the description. */
  readonly describe?: Describe;
  /** How long stop() waits for descriptions still being written (default DESCRIBE_GRACE_MS). */
  readonly describeGraceMs?: number;
  /** What the keys type (default: the X server's keymap where there is one, else US). */
  readonly layout?: KeyboardLayout;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: LogicalEvent) => void;
}

export interface RecorderStopOptions {
  /** Ended by Ctrl+C in a terminal: that keystroke is not part of the macro. */
  readonly interrupted?: boolean;
  /** Input the control panel's own page received while recording: not part of the macro. */
  readonly panelInput?: readonly PanelInputEvent[];
}

/**
 * Records global input through the global input hook (a child process: libuiohook aborts its
 * process when it has no display) and a screen capture at every press, until the stop key, `stop()` or the signal.
 */
export class MacroRecorder implements AsyncDisposable {
  private readonly events: LogicalEvent[] = [];
  private readonly shots: Promise<Shot | undefined>[] = [];
  /** Each shot's description as the model writes it (undefined until then, or when it failed). */
  private readonly descriptions: (string | undefined)[] = [];
  private readonly describing: Promise<void>[] = [];
  /** The frame each held button was pressed on, for the crop at its release (a drag's drop point). */
  private readonly pressFrames = new Map<number, Promise<Capture>>();
  /** Where each held button was pressed: a release elsewhere is a drag, whose drop point gets a description too. */
  private readonly pressPoints = new Map<number, Point>();
  private readonly tap: FrameTap;
  private readonly own: OwnWindowFilter;
  private readonly isStopKey: (e: RawEvent) => boolean;
  private stopResolve!: () => void;
  private stopKeyPressed = false;
  /** Resolves when the stop key is pressed or the signal aborts. */
  readonly stopRequested = new Promise<void>((resolve) => (this.stopResolve = resolve));

  private hook: GlobalInputHook | undefined;

  private constructor(
    private readonly options: RecorderOptions,
    isStopKey: (e: RawEvent) => boolean,
    private readonly layout: KeyboardLayout,
  ) {
    this.isStopKey = isStopKey;
    this.own = new OwnWindowFilter(options.exclude ?? (() => []));
    this.tap = new FrameTap(options.screen, (options.displays.find((d) => d.primary) ?? options.displays[0])?.id);
  }

  /** Starts the hook; resolves once it is listening. */
  static async start(options: RecorderOptions): Promise<MacroRecorder> {
    const isStopKey = stopKeyMatcher(options.stopKey ?? DEFAULT_STOP_KEY); // a bad key fails before anything starts
    const layout = options.layout ?? (await readKeyboardLayout()) ?? usLayout;
    const recorder = new MacroRecorder(options, isStopKey, layout);
    try {
      // A hook that dies mid-recording ends the recording with what it has.
      recorder.hook = await GlobalInputHook.start({ onEvent: (e) => recorder.take(e), onExit: () => recorder.stopResolve() });
    } catch (error) {
      await recorder.dispose();
      throw new RecorderError((error as Error).message, { cause: error });
    }
    options.signal?.addEventListener("abort", () => recorder.stopResolve(), { once: true });
    return recorder;
  }

  private take(raw: RawEvent): void {
    // After the stop key the user names the macro (in the panel, which in `deskpilot serve` is a
    // browser page this process cannot see): nothing from then on belongs to the recording.
    if (this.stopKeyPressed) return;
    if (this.isStopKey(raw)) {
      if (raw.type === "keydown") {
        this.stopKeyPressed = true;
        this.stopResolve();
      }
      return;
    }
    // When the child got it: this process may read it hundreds of ms later on a busy machine,
    // and by then the tap holds frames that already show the press.
    const receivedAt = raw.at ?? Date.now();
    const pressedAt = receivedAt - performance.timeOrigin;
    let event: LogicalEvent = { ...raw, receivedAt };
    if (raw.type === "down" || raw.type === "up" || raw.type === "wheel") {
      const p: Point = toLogicalPoint(this.options.displays, raw);
      if (!this.own.accept(raw.type, p)) return;
      event = { ...raw, x: p.x, y: p.y, receivedAt };
      let frame: Promise<Capture> | undefined;
      let dropped = false;
      if (raw.type === "up") {
        frame = this.pressFrames.get(raw.button);
        this.pressFrames.delete(raw.button);
        const from = this.pressPoints.get(raw.button);
        this.pressPoints.delete(raw.button);
        dropped = from !== undefined && Math.hypot(p.x - from.x, p.y - from.y) > DRAG_PX;
      } else {
        frame = this.frameAt(p, pressedAt);
        if (raw.type === "down") {
          this.pressFrames.set(raw.button, frame);
          this.pressPoints.set(raw.button, p);
        }
      }
      if (frame) {
        // The window under the point now, before the press changes focus or stacking.
        const window = windowAt(this.options.displays, p);
        const index = this.shots.length;
        this.shots.push(frame.then((f) => this.shoot(f, p, window)).catch(() => undefined));
        const describe = this.options.describe;
        // A model that fails to name the element costs the description, never the crop.
        // A click's release needs no name of its own (only a drag's drop point does).
        if (describe && (raw.type !== "up" || dropped))
          this.describing.push(
            frame
              .then((f) => describe(f, p))
              .then(
                (d) => void (this.descriptions[index] = d || undefined),
                () => undefined,
              ),
          );
        event = { ...event, shot: index };
      }
    } else if (!this.own.accept(raw.type)) return;
    this.events.push(event);
    this.options.onEvent?.(event);
  }

  /** The screen just before a press at `time` on the display under `p`: the tap's frame, else a capture now. */
  private frameAt(p: Point, time: number): Promise<Capture> {
    const display = displayAt(this.options.displays, p);
    const before = display?.id === this.tap.displayId ? this.tap.frameBefore(time) : undefined;
    return before ? Promise.resolve(before) : this.options.screen.capture(display?.id);
  }

  private async shoot(frame: Capture, p: Point, window: WindowInfo | undefined): Promise<Shot> {
    const crop = await cropTarget(frame, p);
    const context = await cropTarget(frame, p, CONTEXT_HALF);
    return { crop, context, display: frame.display, ...(window ? { window } : {}) };
  }

  /**
   * Stops the hook and compresses what was recorded into a macro. `interrupted`: the recording
   * was ended by Ctrl+C in a terminal, whose keystroke the hook saw too and is dropped.
   * `panelInput`: the input the control panel's page received, left out (see dropPanelInput).
   */
  async stop(name = "recorded macro", options: RecorderStopOptions = {}): Promise<Macro> {
    const { interrupted = false, panelInput = [] } = options;
    await this.dispose();
    const cropped = await Promise.all(this.shots);
    // Descriptions still being written (a model loading on a CPU takes minutes) get a grace period, then are left out.
    await Promise.race([Promise.all(this.describing), new Promise((r) => setTimeout(r, this.options.describeGraceMs ?? DESCRIBE_GRACE_MS).unref())]);
    const shots = cropped.map((shot, i) => (shot && this.descriptions[i] ? { ...shot, description: this.descriptions[i] } : shot));
    const drafts = compressEvents(dropPanelInput(this.events, panelInput), this.layout);
    const last = drafts.at(-1);
    if (interrupted && last?.kind === "key" && last.keys.join("+") === "ctrl+c") drafts.pop();
    return buildMacro(name, drafts, shots, this.options.displays);
  }

  /** Idempotent: ends the child process and the frame tap. */
  async dispose(): Promise<void> {
    await this.tap.stop();
    await this.hook?.dispose();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
