import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { EventHub } from "../../../agent/service/EventHub.js";
import type { ServiceEvent } from "../../../agent/service/ServiceEvents.js";

const displaysChanged: ServiceEvent = { type: "displays-changed", displays: [] };
const error: ServiceEvent = { type: "error", error: { code: "CAPTURE_FAILED", message: "boom" } };
const runState: ServiceEvent = { type: "run-state", runId: "r1", state: "running" };

describe("EventHub", () => {
  test("on(type) hears only that type; onAny hears everything, in order", () => {
    const hub = new EventHub();
    const errors: ServiceEvent[] = [];
    const all: ServiceEvent[] = [];
    hub.on("error", (e) => errors.push(e));
    hub.onAny((e) => all.push(e));
    hub.emit(displaysChanged);
    hub.emit(error);
    hub.emit(runState);
    assert.deepEqual(errors, [error]);
    assert.deepEqual(all, [displaysChanged, error, runState]);
  });

  test("the returned function unsubscribes that listener only", () => {
    const hub = new EventHub();
    const a: string[] = [];
    const b: string[] = [];
    const offA = hub.on("run-state", (e) => a.push(e.state));
    hub.on("run-state", (e) => b.push(e.state));
    const offAny = hub.onAny(() => a.push("any"));
    hub.emit(runState);
    offA();
    offAny();
    hub.emit({ type: "run-state", runId: "r1", state: "paused" });
    assert.deepEqual(a, ["running", "any"]);
    assert.deepEqual(b, ["running", "paused"]);
  });

  test("many clients on one hub all hear each event, with no leak warning", async () => {
    const hub = new EventHub();
    let heard = 0;
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on("warning", onWarning);
    try {
      // Each WebSocket client and the Electron window subscribe: 25 is an ordinary number.
      for (let i = 0; i < 25; i++) hub.onAny(() => heard++);
      hub.emit(runState);
      await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on a later tick
    } finally {
      process.off("warning", onWarning);
    }
    assert.equal(heard, 25);
    assert.deepEqual(warnings, []);
  });

  test("clear drops every listener", () => {
    const hub = new EventHub();
    let heard = 0;
    hub.on("run-state", () => heard++);
    hub.onAny(() => heard++);
    hub.clear();
    hub.emit(runState);
    assert.equal(heard, 0);
  });

  test("an error event reaches onAny listeners", () => {
    const hub = new EventHub();
    const all: ServiceEvent[] = [];
    hub.onAny((e) => all.push(e));
    hub.emit(error);
    assert.deepEqual(all, [error]);
  });

  test("an error event with no listener does not throw (it is data, not an EventEmitter 'error')", () => {
    const hub = new EventHub();
    assert.doesNotThrow(() => hub.emit(error));
  });
});
