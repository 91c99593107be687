import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { Capture } from "../../capture/Capture.js";
import type { Display, Point, Rect } from "../../capture/Display.js";
import type { ScreenSource } from "../../ports/ScreenSource.js";
import type { Macro } from "../MacroSchema.js";
import type { ChildMessage, RawEvent } from "./RawEvent.js";
import { compressEvents, type LogicalEvent } from "./compressEvents.js";
import { buildMacro, type Describe } from "./buildMacro.js";
import { keyInfo } from "./keycodeNames.js";
import { toLogical } from "./toLogical.js";
import { RecorderError } from "./RecorderError.js";

const CHILD = fileURLToPath(new URL("./recordChild.js", import.meta.url));

export interface RecorderOptions {
  readonly screen: ScreenSource;
  readonly displays: readonly Display[];
  /** The key that ends the recording (never recorded itself). Default "pause". */
  readonly stopKey?: string;
  /** DeskPilot's own windows, global logical px: presses there, and keys typed after them, are not recorded. */
  readonly exclude?: () => readonly Rect[];
  readonly describe?: Describe;
  readonly signal?: AbortSignal;
  readonly onEvent?: (event: LogicalEvent) => void;
}

/**
 * Records global input in a child process (libuiohook aborts its process when it has no
 * display) and a screen capture at every press, until the stop key, `stop()` or the signal.
 */
export class MacroRecorder implements AsyncDisposable {
  private readonly events: LogicalEvent[] = [];
  private readonly frames: Promise<Capture>[] = [];
  private inExcluded = false;
  private stopResolve!: () => void;
  /** Resolves when the stop key is pressed or the signal aborts. */
  readonly stopRequested = new Promise<void>((resolve) => (this.stopResolve = resolve));

  private constructor(private readonly child: ChildProcess, private readonly options: RecorderOptions) {}

  /** Starts the hook; resolves once it is listening. */
  static async start(options: RecorderOptions): Promise<MacroRecorder> {
    const child = spawn(process.execPath, [CHILD], { stdio: ["pipe", "pipe", "pipe"], env: process.env });
    const recorder = new MacroRecorder(child, options);
    let stderr = "";
    child.stderr!.on("data", (b: Buffer) => (stderr = (stderr + b.toString()).slice(-2000)));
    await new Promise<void>((resolve, reject) => {
      const lines = createInterface({ input: child.stdout! });
      lines.on("line", (line) => {
        let m: ChildMessage;
        try {
          m = JSON.parse(line) as ChildMessage;
        } catch {
          return;
        }
        if (m.kind === "ready") resolve();
        else if (m.kind === "error") reject(new RecorderError(m.message));
        else recorder.take(m.event);
      });
      child.once("exit", (code, signal) => reject(new RecorderError(`the input hook process ended (${signal ?? `exit ${code}`})${stderr ? `: ${stderr.trim().split("\n").at(-1)}` : ""}`)));
      child.once("error", (e) => reject(new RecorderError(e.message, { cause: e })));
    });
    options.signal?.addEventListener("abort", () => recorder.stopResolve(), { once: true });
    return recorder;
  }

  private take(raw: RawEvent): void {
    if (raw.type === "keydown" && keyInfo(raw.keycode)?.name === (this.options.stopKey ?? "pause")) return this.stopResolve();
    if (raw.type === "keyup" && keyInfo(raw.keycode)?.name === (this.options.stopKey ?? "pause")) return;
    let event: LogicalEvent = raw;
    if (raw.type === "down" || raw.type === "up" || raw.type === "wheel") {
      const p: Point = toLogical(this.options.displays, raw);
      if (raw.type === "down") this.inExcluded = (this.options.exclude?.() ?? []).some((r) => p.x >= r.x && p.x < r.x + r.width && p.y >= r.y && p.y < r.y + r.height);
      if (this.inExcluded) return;
      event = { ...raw, x: p.x, y: p.y };
      if (raw.type === "down" || raw.type === "wheel") {
        // Grab the screen now, before the application reacts to the press.
        const display = this.options.displays.find((d) => p.x >= d.x && p.x < d.x + d.width && p.y >= d.y && p.y < d.y + d.height);
        this.frames.push(this.options.screen.capture(display?.id));
        event = { ...event, frame: this.frames.length - 1 };
      }
    } else if (this.inExcluded) return;
    this.events.push(event);
    this.options.onEvent?.(event);
  }

  /** Stops the hook and compresses what was recorded into a macro. */
  async stop(name = "recorded macro"): Promise<Macro> {
    await this.dispose();
    const frames = await Promise.all(this.frames);
    return buildMacro(name, compressEvents(this.events), frames, this.options.describe);
  }

  /** Idempotent: ends the child process. */
  async dispose(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((r) => this.child.once("exit", r));
    this.child.stdin!.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
    await exited;
    clearTimeout(timer);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }
}
