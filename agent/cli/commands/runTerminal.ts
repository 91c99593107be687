import { createInterface } from "node:readline/promises";
import type { CliContext } from "../CliContext.js";
import type { RunsController } from "../../loop/RunsController.js";
import type { ServiceEvent } from "../../service/ServiceEvents.js";

/** How `deskpilot run` answers confirmations: always yes, ask on the terminal, or refuse (no terminal). */
export type ConfirmMode = "yes" | "ask" | "refuse";

/** One progress line per step, on stderr (stdout stays for the result). */
export function formatStepLine(e: Extract<ServiceEvent, { type: "run-step" }>): string {
  const what = e.action ? JSON.stringify(e.action) : "(no usable action)";
  return `step ${String(e.step).padStart(2)}  ${(e.outcome ?? "").padEnd(9)} ${what}  ${e.ms !== undefined ? `${Math.round(e.ms)} ms` : ""}${e.outcome === "done" ? "" : `  — ${e.observation ?? ""}`}\n`;
}

/** Prints a run's events and answers its confirmation requests through the service, as the control panel does. */
export function attachTerminal(runs: RunsController, ctx: CliContext, mode: ConfirmMode, input: NodeJS.ReadableStream = process.stdin) {
  let prompting = Promise.resolve();
  return (event: ServiceEvent): void => {
    if (event.type === "run-step") ctx.err.write(formatStepLine(event));
    else if (event.type === "run-state" && event.state !== "running") ctx.err.write(`run ${event.state}${event.reason ? `: ${event.reason}` : ""}\n`);
    else if (event.type === "confirm-request") {
      const { requestId, action, reason } = event;
      ctx.err.write(`confirm: ${JSON.stringify(action)} needs your approval: ${reason}\n`);
      if (mode !== "ask") {
        ctx.err.write(mode === "yes" ? "  allowed (--yes)\n" : "  refused: no terminal to ask on (pass --yes to allow risky actions)\n");
        void runs.answerConfirm(requestId, mode === "yes").catch(() => undefined);
        return;
      }
      // One question at a time; a request whose run ended meanwhile is simply gone.
      prompting = prompting.then(async () => {
        const rl = createInterface({ input, output: ctx.err });
        try {
          const answer = await rl.question("  allow this action? [y/N] ");
          await runs.answerConfirm(requestId, /^y(es)?$/i.test(answer.trim())).catch(() => undefined);
        } finally {
          rl.close();
        }
      });
    }
  };
}
