import { readFileSync } from "node:fs";
import { UsageError } from "../errors/UsageError.js";
import type { ComputerAction } from "../actions/ComputerAction.js";
import type { FrameSize } from "../geometry/frameMapping.js";
import { profileOf, type ProfileChoice } from "../profiles/sourceProfile.js";
import { gridFactor } from "../geometry/frameGrid.js";
import type { DecideRequest, Decider, Decision } from "./Decider.js";
import { readRunLog } from "../runs/readRunLog.js";

/**
 * Replays fixed answers instead of asking a model: a recorded run's raw answers (its folder) or
 * a JSON array of answer strings. For reproducing a run, and for end-to-end tests of the loop
 * on a real desktop. After the last answer it terminates with failure.
 */
export class ReplayDecider implements Decider {
  private next = 0;

  constructor(
    private readonly answers: readonly string[],
    /** The format the answers are in (a UI-TARS run replays as UI-TARS answers); default Qwen2.5-VL's. */
    private readonly choice?: ProfileChoice,
  ) {}

  /** Reads answers from a run folder or a JSON file. */
  static fromPath(path: string, choice?: ProfileChoice): ReplayDecider {
    if (path.endsWith(".json")) {
      const value: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new UsageError(`${path} must be a JSON array of answer strings`);
      return new ReplayDecider(value, choice);
    }
    return new ReplayDecider(
      readRunLog(path).steps.map((s) => s.raw ?? ""),
      choice,
    );
  }

  /** The grid of the family the answers were recorded with, so frames match the recorded ones. */
  get frameFactor(): number {
    return gridFactor(profileOf(this.choice).profile.grid);
  }

  /** Reads an answer as the profile it was recorded with would. */
  parse(text: string, frame: FrameSize): ComputerAction {
    const { profile, coordinates } = profileOf(this.choice);
    return profile.computerUse.parse(text, frame, coordinates);
  }

  async decide(request: DecideRequest): Promise<Decision> {
    request.signal.throwIfAborted();
    const text = this.answers[this.next++] ?? '<tool_call>\n{"name": "computer_use", "arguments": {"action": "terminate", "status": "failure"}}\n</tool_call>';
    return { text, frame: { width: request.screenshot.frame.width, height: request.screenshot.frame.height }, modelMs: 0 };
  }

  async dispose(): Promise<void> {}
}
