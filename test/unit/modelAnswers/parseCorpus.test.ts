import { describe, test } from "node:test";
import assert from "node:assert/strict";
import type { ComputerAction } from "../../../agent/actions/ComputerAction.js";
import type { GroundCandidate } from "../../../agent/profiles/GroundCandidate.js";
import type { FrameSize } from "../../../agent/geometry/frameMapping.js";
import type { CoordinateSpace } from "../../../agent/profiles/coordinateSpace.js";
import type { ProfileId } from "../../../agent/profiles/ModelProfile.js";
import { parseActionAnswer, parseGroundingAnswerAs } from "../../../agent/profiles/parseModelAnswer.js";
import { loadModelAnswers, type ModelAnswer } from "../../support/modelAnswers.js";

/**
 * Every real answer in the corpus through the parser of the profile a user would pick for its
 * model, in the coordinate space its source used, mapped to frame pixels: it gives the place its
 * source says, or it is refused with a reason. Answers of the families DeskPilot has a profile for
 * (Qwen2.5-VL, UI-TARS-1.5, Qwen3-VL, GUI-Owl-1.5, MAI-UI) must parse unless their source says they
 * name nothing; answers of other families read through a near profile may be refused, but never
 * read as another place.
 */

type Route = { profile: ProfileId; coordinates: CoordinateSpace; supported: boolean };

/** The profile and coordinate space each model family's answers are read with. */
function routeOf(answer: ModelAnswer): Route {
  const coordinates: CoordinateSpace = answer.coordinateSpace;
  switch (answer.profile) {
    case "qwen2.5-vl":
      return { profile: "qwen2.5-vl", coordinates, supported: true };
    case "ui-tars-1.5":
      return { profile: "ui-tars-1.5", coordinates, supported: true };
    // Each Qwen3-VL family through its own profile, in the space its source divided by (issue 18).
    case "qwen3-vl":
      return { profile: "qwen3-vl", coordinates, supported: true };
    case "gui-owl-1.5":
      return { profile: "gui-owl-1.5", coordinates, supported: true };
    case "mai-ui":
      return { profile: "mai-ui", coordinates, supported: true };
    // UI-TARS-1.0 and the cloud UI-TARS/Doubao models write UI-TARS's action format in 0–1000.
    case "ui-tars-1.0":
    case "ui-tars-doubao-1.5":
      return { profile: "ui-tars-1.5", coordinates, supported: false };
    // GUI-Owl (on Qwen2.5-VL) and Qwen2-VL: the Qwen2.5-VL tool-call and JSON formats.
    default:
      return { profile: "qwen2.5-vl", coordinates, supported: false };
  }
}

/** The frame the model saw, or (when the source does not say) one wide enough for every number it wrote. */
function frameOf(answer: ModelAnswer): FrameSize {
  if (answer.frame) return answer.frame;
  const numbers = (answer.answer.match(/\d+/g) ?? []).map(Number).filter((n) => n < 20000);
  const side = Math.max(1932, ...numbers.map((n) => Math.ceil((n + 1) / 28) * 28));
  return { width: side, height: side };
}

/** A point the source states, in frame pixels: a relative one divided by the number its space divides by. */
function toFrame(p: readonly [number, number], frame: FrameSize, space: CoordinateSpace): [number, number] {
  const scale = space === "relative-1000" ? 1000 : space === "relative-999" ? 999 : undefined;
  return scale ? [(p[0] * frame.width) / scale, (p[1] * frame.height) / scale] : [p[0], p[1]];
}

const tolerance = (frame: FrameSize) => Math.max(1, Math.max(frame.width, frame.height) * 0.0015);
const near = (a: readonly number[], b: readonly number[], tol: number) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) <= tol);
const centre = (b: readonly number[]): [number, number] => [(b[0]! + b[2]!) / 2, (b[1]! + b[3]!) / 2];

/** What the source calls the action, in our action names. */
const ACTION_NAMES: Record<string, ComputerAction["action"]> = { click: "left_click", left_click: "left_click", type: "type" };

function checkAction(answer: ModelAnswer, route: Route, frame: FrameSize, action: ComputerAction): void {
  const expected = answer.expected as Exclude<ModelAnswer["expected"], { refuse: string }>;
  const tol = tolerance(frame);
  if (expected.action) assert.equal(action.action, ACTION_NAMES[expected.action] ?? expected.action, `${answer.id}: the action`);
  const where = expected.point ?? (expected.box ? centre(expected.box) : undefined);
  if (where) {
    assert.ok("coordinate" in action && action.coordinate, `${answer.id}: ${action.action} names no place`);
    const want = toFrame(where, frame, route.coordinates);
    assert.ok(
      near(action.coordinate, want, tol),
      `${answer.id}: read ${JSON.stringify(action.coordinate)}, the source says ${JSON.stringify(want)} (frame ${frame.width}x${frame.height})`,
    );
  }
  if (expected.text !== undefined) {
    assert.equal(action.action, "type", `${answer.id}: the action`);
    assert.equal((action as { text: string }).text, expected.text, `${answer.id}: the text`);
  }
}

function checkGrounding(answer: ModelAnswer, route: Route, frame: FrameSize, candidates: readonly GroundCandidate[]): void {
  const expected = answer.expected as Exclude<ModelAnswer["expected"], { refuse: string }>;
  const tol = tolerance(frame);
  const boxes = expected.boxes ?? (expected.box ? [expected.box] : []);
  for (const box of boxes) {
    const want = [...toFrame([box[0], box[1]], frame, route.coordinates), ...toFrame([box[2], box[3]], frame, route.coordinates)];
    assert.ok(
      candidates.some((c) => c.box && near(c.box, want, tol)),
      `${answer.id}: no candidate has the box ${JSON.stringify(want)}; read ${JSON.stringify(candidates)}`,
    );
  }
  const points = expected.points ?? (expected.point ? [expected.point] : []);
  for (const point of points) {
    const want = toFrame(point, frame, route.coordinates);
    assert.ok(
      candidates.some((c) => near([c.point.x, c.point.y], want, tol)),
      `${answer.id}: no candidate is at ${JSON.stringify(want)}; read ${JSON.stringify(candidates.map((c) => c.point))}`,
    );
  }
  if (boxes.length + points.length > 1) assert.equal(candidates.length, boxes.length + points.length, `${answer.id}: one candidate per place the answer names`);
  if (points.length === 1 && boxes.length === 0) {
    assert.ok(
      near([candidates[0]!.point.x, candidates[0]!.point.y], toFrame(points[0]!, frame, route.coordinates), tol),
      `${answer.id}: the best candidate is the place named`,
    );
  }
}

/** Runs one answer through its profile's parser: the candidates or action it gives, or the reason it was refused. */
function parse(answer: ModelAnswer, route: Route, frame: FrameSize): { action?: ComputerAction; candidates?: GroundCandidate[]; refused?: string } {
  try {
    if (answer.task === "computer-use") return { action: parseActionAnswer(route.profile, answer.answer, frame, route.coordinates) };
    const parsed = parseGroundingAnswerAs(route.profile, answer.answer, frame, route.coordinates, answer.instruction);
    return { candidates: [parsed.best, ...parsed.others] };
  } catch (error) {
    const e = error as { name?: string; message?: string };
    assert.ok(e.name === "InvalidActionError" || e.name === "GroundingAnswerError", `${answer.id}: refused with ${e.name}, not a reason: ${e.message}`);
    assert.ok((e.message ?? "").length > 20, `${answer.id}: the refusal says why`);
    return { refused: e.message! };
  }
}

describe("the answer corpus through the profiles' parsers", () => {
  const answers = loadModelAnswers();
  const tally = { mapped: 0, refusedOnPurpose: 0, refusedLaterFamily: [] as string[] };

  for (const answer of answers) {
    const route = routeOf(answer);
    test(`${answer.file}: ${answer.id} (${answer.profile} ${answer.task}, read as ${route.profile} ${route.coordinates})`, () => {
      const frame = frameOf(answer);
      const result = parse(answer, route, frame);
      if ("refuse" in answer.expected) {
        assert.ok(
          result.refused !== undefined,
          `${answer.id}: the source says it names nothing usable (${answer.expected.refuse}), but it was read as ${JSON.stringify(result.action ?? result.candidates)}`,
        );
        tally.refusedOnPurpose++;
        return;
      }
      if (result.refused !== undefined) {
        assert.ok(!route.supported, `${answer.id}: a ${answer.profile} answer must be read, but was refused: ${result.refused}`);
        tally.refusedLaterFamily.push(answer.id);
        return;
      }
      if (result.action) checkAction(answer, route, frame, result.action);
      else checkGrounding(answer, route, frame, result.candidates!);
      tally.mapped++;
    });
  }

  test("the tally: most answers map, refusals are the sources' own or later families'", () => {
    process.stdout.write(
      `corpus: ${tally.mapped} mapped, ${tally.refusedOnPurpose} refused as their sources say, ${tally.refusedLaterFamily.length} of later families refused (${tally.refusedLaterFamily.join(", ")})\n`,
    );
    assert.equal(tally.mapped + tally.refusedOnPurpose + tally.refusedLaterFamily.length, answers.length);
    assert.ok(tally.mapped >= 40, `only ${tally.mapped} answers map to their sources' places`);
  });
});
