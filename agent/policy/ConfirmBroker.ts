import { randomUUID } from "node:crypto";
import type { ComputerAction } from "../actions/ComputerAction.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";
import type { ConfirmEvent, ConfirmSource } from "./ConfirmEvent.js";
import type { ConfirmsApi } from "./ConfirmsApi.js";

/** One question for the user: which run or replay asks, about which action, and why. */
export interface ConfirmQuestion {
  readonly source: ConfirmSource;
  readonly runId: string;
  readonly action: ComputerAction;
  readonly reason: string;
  /** The run's or replay's stop: it answers no. */
  readonly signal?: AbortSignal;
}

/** A question still waiting for its answer, as a client that (re)connects takes it over. */
export interface OpenConfirm {
  readonly requestId: string;
  readonly source: ConfirmSource;
  readonly runId: string;
  readonly action: ComputerAction;
  readonly reason: string;
}

/**
 * The service's confirmations, runs' and replays' alike: each question goes out as a
 * `confirm-request` event naming its `source`, waits for one answerConfirm, and is settled by
 * a `confirm-answered` event, so the CLI's prompt and every panel window are clients of the
 * same requests. A stop (the question's signal) or dispose answers no. It sets no time limit
 * of its own: the run's timeout stops the run, and with it the question.
 */
export class ConfirmBroker implements ConfirmsApi {
  private readonly pending = new Map<string, { readonly question: OpenConfirm; readonly settle: (allow: boolean) => void }>();

  constructor(private readonly emit: (event: ConfirmEvent) => void) {}

  /** Asks every client; resolves with the answer, or false once `signal` aborts (at once, with no event, when it has already). */
  ask(question: ConfirmQuestion): Promise<boolean> {
    const { source, runId, action, reason, signal } = question;
    const requestId = randomUUID();
    return new Promise<boolean>((resolve) => {
      const settle = (allow: boolean) => {
        this.pending.delete(requestId);
        signal?.removeEventListener("abort", refuse);
        this.emit({ type: "confirm-answered", source, runId, requestId, allowed: allow });
        resolve(allow);
      };
      const refuse = () => settle(false);
      if (signal?.aborted) return resolve(false);
      this.pending.set(requestId, { question: { requestId, source, runId, action, reason }, settle });
      signal?.addEventListener("abort", refuse, { once: true });
      this.emit({ type: "confirm-request", source, runId, requestId, action, reason });
    });
  }

  async answerConfirm(requestId: string, allow: boolean): Promise<void> {
    const open = this.pending.get(requestId);
    if (!open) throw new DeskPilotError("UNKNOWN_REQUEST", `No open confirmation ${requestId}; it was answered, or its run or replay ended.`);
    open.settle(allow);
  }

  /** The questions waiting for an answer, oldest first. */
  open(): OpenConfirm[] {
    return [...this.pending.values()].map((p) => p.question);
  }

  /** Answers every open question no (each with its `confirm-answered` event); idempotent. */
  async dispose(): Promise<void> {
    for (const p of [...this.pending.values()]) p.settle(false);
  }
}
