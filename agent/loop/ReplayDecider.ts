import { readFileSync } from "node:fs";
import { UsageError } from "../errors/UsageError.js";
import type { DecideRequest, Decider, Decision } from "./Decider.js";
import { readRunLog } from "../runs/readRunLog.js";

/**
 * Replays fixed answers instead of asking a model: a recorded run's raw answers (its folder) or
 * a JSON array of answer strings. For reproducing a run, and for end-to-end tests of the loop
 * on a real desktop. After the last answer it terminates with failure.
 */
export class ReplayDecider implements Decider {
  private next = 0;

  constructor(private readonly answers: readonly string[]) {}

  /** Reads answers from a run folder or a JSON file. */
  static fromPath(path: string): ReplayDecider {
    if (path.endsWith(".json")) {
      const value: unknown = JSON.parse(readFileSync(path, "utf8"));
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) throw new UsageError(`${path} must be a JSON array of answer strings`);
      return new ReplayDecider(value);
    }
    return new ReplayDecider(readRunLog(path).steps.map((s) => s.raw ?? ""));
  }

  async decide(request: DecideRequest): Promise<Decision> {
    request.signal.throwIfAborted();
    const text = this.answers[this.next++] ?? '<tool_call>\n{"name": "computer_use", "arguments": {"action": "terminate", "status": "failure"}}\n</tool_call>';
    return { text, frame: { width: request.screenshot.frame.width, height: request.screenshot.frame.height }, modelMs: 0 };
  }

  async dispose(): Promise<void> {}
}
