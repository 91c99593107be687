import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { deadline } from "../../../agent/platform/deadline.js";
import { collectGarbage } from "../../../agent/platform/collectGarbage.js";

/** Whether `signal` aborts within `ms`, after a garbage collection while it waits. */
function abortsWithin(signal: AbortSignal, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const late = setTimeout(() => resolve(false), ms);
    signal.addEventListener("abort", () => (clearTimeout(late), resolve(true)), { once: true });
    setTimeout(collectGarbage, 5);
  });
}

describe("deadline", () => {
  test("aborts with a TimeoutError after its time, even when a garbage collection comes first", async () => {
    const user = new AbortController();
    for (let i = 0; i < 5; i++) {
      const { signal } = deadline(30, user.signal);
      assert.equal(await abortsWithin(signal, 1_000), true, `try ${i + 1}: the deadline never came`);
      assert.equal((signal.reason as DOMException).name, "TimeoutError");
    }
  });

  test("aborts at once with the reason of another signal that aborts first", async () => {
    const user = new AbortController();
    const { signal, clear } = deadline(60_000, user.signal);
    user.abort(new Error("stopped by the user"));
    assert.equal(signal.aborted, true);
    assert.equal((signal.reason as Error).message, "stopped by the user");
    clear();
  });

  test("clear() cancels the deadline", async () => {
    const { signal, clear } = deadline(20);
    clear();
    assert.equal(await abortsWithin(signal, 100), false);
  });
});
