/**
 * The recorder's child process: global mouse and keyboard through uiohook-napi, one JSON line
 * per event on stdout. It lives apart because libuiohook aborts its whole process when the
 * display cannot be opened or lacks the RECORD extension. It stops when stdin closes.
 */
import type { ChildMessage, RawEvent } from "./RawEvent.js";

const send = (m: ChildMessage) => process.stdout.write(`${JSON.stringify(m)}\n`);

async function main(): Promise<void> {
  // libuiohook reports a display it cannot open only on stderr and then hangs; ask the display first.
  const { systemDisplays } = await import("../platform/systemDisplays.js");
  systemDisplays();
  const { uIOhook, EventType } = await import("uiohook-napi");
  const key = (type: "keydown" | "keyup") => (e: { time: number; keycode: number; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }) =>
    emit({ type, time: e.time, keycode: e.keycode, shift: e.shiftKey, ctrl: e.ctrlKey, alt: e.altKey, meta: e.metaKey });
  // Stamped here, where nothing else runs: the parent may read the line much later while it crops and encodes.
  const emit = (event: RawEvent) => send({ kind: "event", event: { ...event, at: performance.timeOrigin + performance.now() } });
  uIOhook.on("keydown", key("keydown"));
  uIOhook.on("keyup", key("keyup"));
  uIOhook.on("mousedown", (e) => emit({ type: "down", time: e.time, x: e.x, y: e.y, button: Number(e.button), clicks: e.clicks }));
  uIOhook.on("mouseup", (e) => emit({ type: "up", time: e.time, x: e.x, y: e.y, button: Number(e.button), clicks: e.clicks }));
  uIOhook.on("wheel", (e) => {
    if (e.type === EventType.EVENT_MOUSE_WHEEL)
      emit({ type: "wheel", time: e.time, x: e.x, y: e.y, rotation: e.rotation, amount: e.amount, direction: e.direction });
  });
  uIOhook.start();
  // libuiohook opens the display on its own thread and reports failure only on stderr: give it
  // a moment, so the parent sees that line before it is told the hook is ready.
  await new Promise((r) => setTimeout(r, 300));
  send({ kind: "ready" });
  process.stdin.resume();
  process.stdin.on("end", () => {
    uIOhook.stop();
    process.exit(0);
  });
}

main().catch((error: unknown) => {
  send({ kind: "error", message: (error as Error).message });
  process.exit(1);
});
