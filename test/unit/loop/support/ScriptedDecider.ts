import type { DecideRequest, Decider, Decision } from "../../../../agent/loop/Decider.js";

/** One scripted answer: text, or a function of the request (which may wait on its signal). */
export type Answer = string | ((request: DecideRequest) => string | Promise<string>);

/** A decider that replays answers in order, then keeps giving the last one; it records every request. */
export class ScriptedDecider implements Decider {
  readonly requests: DecideRequest[] = [];
  disposed = false;

  constructor(private readonly answers: readonly Answer[]) {}

  async decide(request: DecideRequest): Promise<Decision> {
    this.requests.push(request);
    const answer = this.answers[Math.min(this.requests.length - 1, this.answers.length - 1)]!;
    const text = typeof answer === "string" ? answer : await answer(request);
    return { text, frame: { width: request.screenshot.frame.width, height: request.screenshot.frame.height }, modelMs: 1 };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
  }
}

/** A tool call in Qwen2.5-VL's format. */
export function call(args: Record<string, unknown>): string {
  return `<tool_call>\n${JSON.stringify({ name: "computer_use", arguments: args })}\n</tool_call>`;
}

/** An answer that never comes: it waits until the step's signal aborts, then throws its reason. */
export function hang(onStart?: () => void): Answer {
  return (request) =>
    new Promise<string>((_, reject) => {
      onStart?.();
      if (request.signal.aborted) reject(request.signal.reason);
      request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
    });
}
