import { test } from "node:test";
import assert from "node:assert/strict";
import type { IpcMain, IpcMainInvokeEvent } from "electron";
import type { ScreenSource } from "../../agent/ports/ScreenSource.js";
import type { Capture } from "../../agent/ports/Capture.js";
import type { IpcReply } from "../../electron/shared/ipcContract.js";
import { LocalService } from "../../agent/service/LocalService.js";
import { UnknownDisplayError } from "../../agent/errors/UnknownDisplayError.js";
import { setupIpc } from "../../electron/main/setupIpc.js";
import { serviceMethodNames } from "../../agent/service/createDispatcher.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<IpcReply<unknown>>;

/** A screen with the dual HiDPI layout whose captures are black; `fail` makes it throw. */
class FakeScreen implements ScreenSource {
  readonly name = "fake";
  captured: (string | undefined)[] = [];
  fail: Error | undefined;
  async listDisplays() {
    return [...dualHidpi];
  }
  async capture(displayId?: string): Promise<Capture> {
    this.captured.push(displayId);
    if (this.fail) throw this.fail;
    const display = dualHidpi.find((d) => d.id === (displayId ?? "left"));
    if (!display) throw new UnknownDisplayError(displayId ?? "", ["left", "right"]);
    return { display, width: 4, height: 2, channels: 4, data: Buffer.alloc(4 * 2 * 4, 255), ms: 1, source: "fake" };
  }
  async captureAll() {
    return [await this.capture()];
  }
}

/** The IPC of main over the real LocalService with fake ports; `trusted` decides the sender check. */
function rig(trusted = true) {
  const handlers = new Map<string, Handler>();
  const ipc = {
    handle: (channel: string, h: Handler) => handlers.set(channel, h),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as Pick<IpcMain, "handle" | "removeHandler">;
  const screen = new FakeScreen();
  const input = new FakeInputDriver({ x: 10, y: 10 });
  const logs: string[] = [];
  const dispose = setupIpc(
    ipc,
    new LocalService(screen, input),
    () => trusted,
    (m) => logs.push(m),
  );
  const event = { senderFrame: { url: "file:///app/index.html" } } as unknown as IpcMainInvokeEvent;
  const call = (method: string, ...args: unknown[]) => {
    const h = handlers.get(`deskpilot:${method}`);
    assert.ok(h, `no handler for ${method}`);
    return h(event, ...args);
  };
  return { handlers, screen, input, logs, dispose, call };
}

const errorCode = (reply: IpcReply<unknown>) => (reply.ok ? "ok" : reply.error.code);

test("binds exactly the contract's methods and unbinds them", async () => {
  const { handlers, dispose, call } = rig();
  // Every contract channel, as preload exposes them; a slice this service lacks answers UNKNOWN_METHOD.
  assert.deepEqual([...handlers.keys()].sort(), serviceMethodNames.map((n) => `deskpilot:${n}`).sort());
  assert.equal(errorCode(await call("startRun", "task")), "UNKNOWN_METHOD");
  dispose();
  assert.equal(handlers.size, 0);
});

test("refuses an untrusted sender before touching the service", async () => {
  const { call, input, screen, logs } = rig(false);
  assert.equal(errorCode(await call("act", { action: "left_click", coordinate: [5, 5] })), "UNTRUSTED_SENDER");
  assert.equal(errorCode(await call("capture")), "UNTRUSTED_SENDER");
  assert.deepEqual(input.calls, []);
  assert.deepEqual(screen.captured, []);
  assert.match(logs.join("\n"), /untrusted sender/);
});

test("validates arguments: wrong types, extra arguments and unknown options are refused", async () => {
  const { call, screen, input } = rig();
  assert.equal(errorCode(await call("capture", 42)), "BAD_IPC_ARGUMENTS");
  assert.equal(errorCode(await call("capture", "x".repeat(1000))), "BAD_IPC_ARGUMENTS");
  assert.equal(errorCode(await call("listDisplays", "extra")), "BAD_IPC_ARGUMENTS");
  assert.equal(errorCode(await call("act", { action: "wait", time: 0 }, { dryRun: true, force: true })), "BAD_IPC_ARGUMENTS");
  assert.deepEqual(screen.captured, []);
  assert.deepEqual(input.calls, []);
});

test("an action off the computer_use schema comes back as INVALID_ACTION and sends nothing", async () => {
  const { call, input } = rig();
  const reply = await call("act", { action: "left_click", coordinate: ["a", 1] });
  assert.equal(errorCode(reply), "INVALID_ACTION");
  assert.deepEqual(input.calls, []);
});

test("act passes dry-run through, and runs for real only when asked", async () => {
  const { call, input } = rig();
  const dry = await call("act", { action: "left_click", coordinate: [1300, 5] }, { dryRun: true });
  assert.ok(dry.ok);
  assert.deepEqual((dry.value as { display: { id: string } }).display.id, "right");
  assert.deepEqual(input.calls, []);
  assert.ok((await call("act", { action: "left_click", coordinate: [1300, 5] })).ok);
  assert.deepEqual(input.calls, [{ kind: "click", at: { x: 1300, y: 5 }, button: "left", count: 1 }]);
  assert.equal(errorCode(await call("act", { action: "left_click", coordinate: [5000, 5] })), "OFF_SCREEN");
});

test("capture returns PNG bytes with geometry; null means the primary display", async () => {
  const { call, screen } = rig();
  const reply = await call("capture", null);
  assert.ok(reply.ok);
  const value = reply.value as { png: Uint8Array; display: { id: string }; width: number };
  assert.deepEqual([...value.png.subarray(1, 4)], [0x50, 0x4e, 0x47]); // "PNG"
  assert.equal(value.display.id, "left");
  assert.deepEqual(screen.captured, [undefined]);
  assert.equal(errorCode(await call("capture", "nope")), "UNKNOWN_DISPLAY");
});

test("unexpected failures cross as INTERNAL with a message, never a stack", async () => {
  const { call, screen, logs } = rig();
  screen.fail = new Error("boom at /secret/path.ts:1");
  const reply = await call("capture");
  assert.equal(errorCode(reply), "INTERNAL");
  assert.ok(!reply.ok && !reply.error.message.includes("    at "));
  assert.match(logs.join("\n"), /failed unexpectedly/);
});
