import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LazyGroundingService, type AnswererSource } from "../../../agent/grounding/LazyGroundingService.js";
import type { FrameAnswerer, FrameAnswerRequest } from "../../../agent/grounding/FrameAnswerer.js";
import { DEFAULT_TOKEN_BOUNDS } from "../../../agent/frames/TokenBounds.js";
import { LocalMacros } from "../../../agent/macros/LocalMacros.js";
import { parseMacro } from "../../../agent/macros/parseMacro.js";
import { describerLoading, describerWhenLoaded } from "../../../agent/macros/recorder/describeWithModel.js";
import { FileRunStore } from "../../../agent/runs/FileRunStore.js";
import { call } from "../loop/support/ScriptedDecider.js";
import { CANCEL, RUN_SCREEN, SEND, centre, frameAt, recordRun } from "./support/recordRun.js";
import { renderScene } from "./support/renderScene.js";
import { ReactiveInput, SceneScreen } from "./support/SceneScreen.js";

// The app service composes these exactly so (createAppService): the macros slice names targets
// with the grounding slice's model when, and only when, that model is loaded already.
let tmp: string;
before(async () => {
  tmp = mkdtempSync(join(tmpdir(), "macro-describer-"));
  await recordRun(join(tmp, "runs"), "ok-run", [
    `I will click the Send button.\n${call({ action: "left_click", coordinate: frameAt(centre(SEND)) })}`,
    call({ action: "type", text: "hello" }),
    call({ action: "double_click", coordinate: frameAt(centre(CANCEL)) }),
    call({ action: "terminate", status: "success" }),
  ]);
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** The app's shared model as the grounding slice sees it: loads on the first borrow; a failed load is tried again on the next. */
function sharedSource(load: () => Promise<FrameAnswerer>): AnswererSource {
  let loading: Promise<FrameAnswerer> | undefined;
  let ready: FrameAnswerer | undefined;
  return {
    borrow: () =>
      (loading ??= load().then(
        (a) => (ready = a),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      )),
    loaded: () => ready,
  };
}

function fakeModel() {
  const asked: FrameAnswerRequest[] = [];
  const answerer: FrameAnswerer = {
    bounds: DEFAULT_TOKEN_BOUNDS,
    constrained: false,
    answer: async (r) => (asked.push(r), { text: `"element ${asked.length}."`, modelMs: 1 }),
    dispose: async () => {},
  };
  return { answerer, asked };
}

test("saveRunAsMacro through the service: the loaded model names the targets; with none loaded none is loaded for it", async () => {
  const model = fakeModel();
  let loads = 0;
  const screen = new SceneScreen(await renderScene({ width: RUN_SCREEN.width, height: RUN_SCREEN.height, buttons: [SEND, CANCEL] }));
  const grounding = new LazyGroundingService(
    screen,
    sharedSource(async () => (loads++, model.answerer)),
  );
  const macros = new LocalMacros({
    screen,
    input: new ReactiveInput(),
    runs: new FileRunStore(join(tmp, "runs")),
    library: join(tmp, "macros"),
    describer: describerWhenLoaded(() => grounding.loadedAnswerer()),
  });
  const descriptions = async (name: string) => {
    const out = join(tmp, "macros", `${name}.json`);
    await macros.saveRunAsMacro("ok-run", out, name);
    return parseMacro(readFileSync(out, "utf8")).steps.flatMap((s) => ("target" in s ? [s.target.description] : []));
  };

  assert.equal(grounding.loadedAnswerer(), undefined);
  assert.deepEqual(await descriptions("no model"), ["I will click the Send button.", "the element step 3 of the run double-clicked"]);
  assert.equal(loads, 0, "saving a run never loads the model");
  assert.equal(model.asked.length, 0);

  await grounding.grounder(); // the model loads for something else (a run, a grounding call)
  assert.equal(grounding.loadedAnswerer(), model.answerer);
  assert.deepEqual(await descriptions("with model"), ["element 1", "element 2"]);
  assert.equal(loads, 1);

  await grounding.dispose();
  assert.equal(grounding.loadedAnswerer(), undefined, "a disposed model is not used");
});

test("loadedAnswerer: undefined while loading and after a failed load", async () => {
  const model = fakeModel();
  let release!: () => void;
  let fail = true;
  const grounding = new LazyGroundingService(
    new SceneScreen(await renderScene({ width: 100, height: 100, buttons: [] })),
    sharedSource(async () => {
      await new Promise<void>((r) => (release = r));
      if (fail) throw new Error("no model is installed");
      return model.answerer;
    }),
  );
  const first = grounding.grounder();
  assert.equal(grounding.loadedAnswerer(), undefined, "still loading");
  release();
  await assert.rejects(first, /no model is installed/);
  assert.equal(grounding.loadedAnswerer(), undefined, "the load failed");
  fail = false;
  const second = grounding.grounder();
  await new Promise((r) => setImmediate(r));
  release();
  await second;
  assert.equal(grounding.loadedAnswerer(), model.answerer);
});

test("a recording's describer loads the selected model beside the recording, and names every target once it is there", async () => {
  const model = fakeModel();
  let loads = 0;
  let release!: () => void;
  const source = sharedSource(async () => {
    loads++;
    await new Promise<void>((r) => (release = r));
    return model.answerer;
  });
  const capture = await renderScene({ width: RUN_SCREEN.width, height: RUN_SCREEN.height, buttons: [SEND, CANCEL] });
  const describe = describerLoading(() => source.borrow())();
  await new Promise((r) => setImmediate(r));
  assert.equal(loads, 1, "the load starts with the recording, before any press");
  // A press while the model still loads is not held up: its description simply waits.
  const naming = describe(capture, centre(SEND));
  let named: string | undefined;
  void naming.then((n) => (named = n));
  await new Promise((r) => setImmediate(r));
  assert.equal(named, undefined, "still loading");
  release();
  assert.equal(await naming, "element 1");
  assert.equal(await describe(capture, centre(CANCEL)), "element 2");
  assert.equal(loads, 1, "loaded once");
});

test("a recording's describer with no model to load skips the descriptions at once, without retrying per press", async () => {
  let loads = 0;
  const source = sharedSource(async () => {
    loads++;
    throw new Error("no model is selected");
  });
  const capture = await renderScene({ width: 200, height: 200, buttons: [] });
  const describe = describerLoading(() => source.borrow())();
  await assert.rejects(describe(capture, { x: 50, y: 50 }), /no model could be loaded/);
  await assert.rejects(describe(capture, { x: 60, y: 60 }), /no model could be loaded/);
  assert.equal(loads, 1);
});
