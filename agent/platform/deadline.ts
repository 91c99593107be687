/** A signal with a deadline, and the way to cancel that deadline once the work is done. */
export interface Deadline {
  /** Aborts with a `TimeoutError` DOMException after the deadline, or with the reason of the first of the other signals to abort. */
  readonly signal: AbortSignal;
  /** Stops the timer early. Optional: like `AbortSignal.timeout`'s, the timer never keeps the process alive. */
  clear(): void;
}

/**
 * A signal that aborts after `ms`, or as soon as one of `signals` does.
 *
 * Use it instead of `AbortSignal.any([..., AbortSignal.timeout(ms)])`. Node 20 holds a timeout
 * signal only weakly, from its timer and from `any()` alike, so a garbage collection before the
 * deadline loses it and the combined signal never aborts (nodejs/node#57736): a step whose
 * model never answered then waited for the whole run's timeout. Here the timer holds the
 * controller, so the deadline comes whatever the collector does.
 */
export function deadline(ms: number, ...signals: AbortSignal[]): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException(`the operation timed out after ${ms} ms`, "TimeoutError")), ms);
  timer.unref();
  const signal = signals.length > 0 ? AbortSignal.any([controller.signal, ...signals]) : controller.signal;
  return { signal, clear: () => clearTimeout(timer) };
}
