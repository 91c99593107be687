import { createInterface } from "node:readline/promises";
import type { CliContext } from "../CliContext.js";
import type { ConfirmsApi } from "../../policy/ConfirmsApi.js";
import type { ServiceEvent } from "../../service/ServiceEvents.js";
import type { RunResult } from "../../loop/AgentPorts.js";
import { printJson } from "../CliContext.js";
import { ReportedFailure } from "../ReportedFailure.js";

/** How `deskpilot run` answers confirmations: always yes, ask on the terminal, or refuse (no terminal). */
export type ConfirmMode = "yes" | "ask" | "refuse";

/** One progress line per step, on stderr (stdout stays for the result). */
export function formatStepLine(e: Extract<ServiceEvent, { type: "run-step" }>): string {
  const what = e.action ? JSON.stringify(e.action) : "(no usable action)";
  return `step ${String(e.step).padStart(2)}  ${(e.outcome ?? "").padEnd(9)} ${what}  ${e.ms !== undefined ? `${Math.round(e.ms)} ms` : ""}${e.outcome === "done" ? "" : `  — ${e.observation ?? ""}`}\n`;
}

/** The run's one end-of-run summary (stdout): how it ended, where its record is, and how to read it when it failed. */
export function formatRunSummary(result: RunResult): string {
  const head = `${result.status}: ${result.reason} (${result.steps} step${result.steps === 1 ? "" : "s"})\n`;
  if (!result.dir) return head;
  const report = result.status === "success" ? "" : `report: deskpilot report ${result.dir} --out report.html\n`;
  return `${head}run folder: ${result.dir}\n${report}`;
}

/**
 * Says how the run ended, once: its JSON document with --json, else the summary. A run that did
 * not succeed then throws ReportedFailure, so the CLI exits 1 without saying it again.
 */
export function reportRunEnd(ctx: CliContext, result: RunResult, json: boolean): void {
  if (json) printJson(ctx, result);
  else ctx.out.write(formatRunSummary(result));
  if (result.status !== "success") throw new ReportedFailure("RUN_FAILED", `the run ended with ${result.status}: ${result.reason}`);
}

/** Prints a run's events and answers its confirmation requests through the service, as the control panel does. */
export function attachTerminal(confirms: ConfirmsApi, ctx: CliContext, mode: ConfirmMode, input: NodeJS.ReadableStream = process.stdin) {
  let prompting = Promise.resolve();
  return (event: ServiceEvent): void => {
    if (event.type === "run-step") ctx.err.write(formatStepLine(event));
    // "finished" is left to the end-of-run summary, so the outcome is said once.
    else if (event.type === "run-state" && event.state !== "running" && event.state !== "finished")
      ctx.err.write(`run ${event.state}${event.reason ? `: ${event.reason}` : ""}\n`);
    else if (event.type === "confirm-request") {
      const { requestId, action, reason } = event;
      ctx.err.write(`confirm: ${JSON.stringify(action)} needs your approval: ${reason}\n`);
      if (mode !== "ask") {
        ctx.err.write(mode === "yes" ? "  allowed (--yes)\n" : "  refused: no terminal to ask on (pass --yes to allow risky actions)\n");
        void confirms.answerConfirm(requestId, mode === "yes").catch(() => undefined);
        return;
      }
      // One question at a time; a request whose run ended meanwhile is simply gone.
      prompting = prompting.then(async () => {
        const rl = createInterface({ input, output: ctx.err });
        try {
          const answer = await rl.question("  allow this action? [y/N] ");
          await confirms.answerConfirm(requestId, /^y(es)?$/i.test(answer.trim())).catch(() => undefined);
        } finally {
          rl.close();
        }
      });
    }
  };
}
