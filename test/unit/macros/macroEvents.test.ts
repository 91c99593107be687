import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { ConfirmBroker } from "../../../agent/policy/ConfirmBroker.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import { createDispatcher } from "../../../agent/service/createDispatcher.js";
import type { ServiceEvent, ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeClock } from "./support/SceneScreen.js";
import { display, sampleMacro } from "./support/sampleMacro.js";

const screenDisplay = { ...display, name: "fake", primary: true };

/** The app's wiring: LocalMacros emits through the service it is a slice of, and asks through the service's one broker. */
function serviceWithLibrary(library: string): { service: LocalService; events: ServiceEvent[]; input: FakeInputDriver } {
  const screen = new FakeScreenSource([screenDisplay]);
  const input = new FakeInputDriver();
  const events: ServiceEvent[] = [];
  const confirms = new ConfirmBroker((e) => service.emit(e));
  const macros = new LocalMacros({ screen, input, clock: new FakeClock(), library, onEvent: (e) => service.emit(e), confirms });
  const service: LocalService = new LocalService(screen, input, { macros: { api: macros, library }, confirms });
  service.onAny((e) => events.push(e));
  return { service, events, input };
}

test("a replay through the service reports each step as it starts and ends, then the outcome", async () => {
  const library = mkdtempSync(join(tmpdir(), "macro-events-"));
  try {
    writeFileSync(join(library, "form.json"), JSON.stringify(sampleMacro()));
    const { service, events } = serviceWithLibrary(library);
    const call = createDispatcher(service);
    const reply = await call("playMacro", [{ name: "form", fast: true, variables: { city: "Zürich" } }]);
    assert.ok(reply.ok, JSON.stringify(reply));
    const steps = events.filter((e): e is ServiceEventOf<"macro-step"> => e.type === "macro-step");
    assert.equal(steps.length, 14, "running and finished, for each of 7 steps");
    assert.deepEqual(
      steps.slice(0, 2).map((s) => [s.step, s.steps, s.outcome]),
      [
        [1, 7, "running"],
        [1, 7, "done"],
      ],
    );
    assert.equal(steps[0]!.summary, 'click "the Name field" at (300, 200), crop 1x1');
    assert.equal(steps[1]!.method, "recorded", "fast mode: the recorded point");
    assert.deepEqual(
      steps.filter((s) => s.outcome === "done").map((s) => s.step),
      [1, 2, 3, 4, 5, 6, 7],
    );
    const states = events.filter((e): e is ServiceEventOf<"macro-state"> => e.type === "macro-state");
    assert.match(states[0]?.runId ?? "", /^macro-/);
    assert.deepEqual(states, [
      { type: "macro-state", state: "playing", name: "fill the form", steps: 7, runId: states[0]?.runId },
      { type: "macro-state", state: "idle", name: "fill the form", steps: 7, ok: true },
    ]);
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
});

test("a failed step is reported with its reason, and the idle state names it; nothing runs after it", async () => {
  const library = mkdtempSync(join(tmpdir(), "macro-events-"));
  try {
    // Not fast: the 1×1 crop is no match for the blank screen and there is no model to ground with.
    writeFileSync(join(library, "form.json"), JSON.stringify(sampleMacro()));
    const { service, events, input } = serviceWithLibrary(library);
    const report = await service.playMacro({ path: join(library, "form.json"), variables: { city: "Zürich" } });
    assert.equal(report.ok, false);
    const steps = events.filter((e): e is ServiceEventOf<"macro-step"> => e.type === "macro-step");
    assert.deepEqual(
      steps.map((s) => [s.step, s.outcome]),
      [
        [1, "running"],
        [1, "failed"],
      ],
    );
    assert.equal(steps[1]!.reason, report.reason);
    const idle = events.at(-1) as ServiceEventOf<"macro-state">;
    assert.deepEqual([idle.state, idle.ok, idle.failedStep, idle.reason], ["idle", false, 1, report.reason]);
    assert.equal(input.calls.length, 0);
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
});

test("a risky step asks the service's clients with a confirm-request; answerConfirm allows or refuses it", async () => {
  const library = mkdtempSync(join(tmpdir(), "macro-events-"));
  try {
    const risky = sampleMacro();
    (risky.steps[0] as { target: { description: string } }).target.description = "the Delete button";
    writeFileSync(join(library, "risky.json"), JSON.stringify(risky));
    const { service, events, input } = serviceWithLibrary(library);
    const call = createDispatcher(service);
    const answerWith = (allow: boolean) => service.on("confirm-request", (e) => void call("answerConfirm", [e.requestId, allow]));

    const allowing = answerWith(true);
    const allowed = await call("playMacro", [{ name: "risky", fast: true, variables: { city: "Oslo" } }]);
    allowing();
    assert.ok(allowed.ok && (allowed.value as { ok: boolean }).ok, JSON.stringify(allowed));
    const request = events.find((e): e is ServiceEventOf<"confirm-request"> => e.type === "confirm-request");
    const playing = events.find((e): e is ServiceEventOf<"macro-state"> => e.type === "macro-state" && e.state === "playing");
    assert.ok(request && playing?.runId && request.runId === playing.runId, "the request names the replay");
    assert.match(request.reason, /^step 1: .*delete/i);
    assert.equal(input.calls[0]?.kind, "click");
    const answered = events.filter((e): e is ServiceEventOf<"confirm-answered"> => e.type === "confirm-answered");
    assert.deepEqual(
      answered,
      [{ type: "confirm-answered", source: "macro", runId: request.runId, requestId: request.requestId, allowed: true }],
      "every client hears the question is settled",
    );

    const sent = input.calls.length;
    const refusing = answerWith(false);
    const refused = await call("playMacro", [{ name: "risky", fast: true, variables: { city: "Oslo" } }]);
    refusing();
    assert.ok(refused.ok);
    const report = refused.value as { ok: boolean; failedStep: number; reason: string };
    assert.deepEqual([report.ok, report.failedStep], [false, 1]);
    assert.match(report.reason, /refused/);
    assert.equal(input.calls.length, sent, "nothing sent after a refusal");

    const unknown = await call("answerConfirm", ["no-such-request", true]);
    assert.deepEqual(unknown.ok ? undefined : unknown.error.code, "UNKNOWN_REQUEST");
  } finally {
    rmSync(library, { recursive: true, force: true });
  }
});
