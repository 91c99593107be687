import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { withModelLoadingLine, LOADING_LINE_EVERY_MS, type LoadingClock } from "../../../agent/cli/modelLoadingLine.js";
import { MemoryStream } from "../../support/memoryStream.js";

/** A clock whose time moves only when told; interval callbacks fire as it passes them. */
function manualClock(): LoadingClock & { advance(ms: number): void } {
  let now = 0;
  const timers = new Map<number, { fn: () => void; every: number; next: number }>();
  let ids = 0;
  return {
    now: () => now,
    setInterval: (fn, every) => (timers.set(++ids, { fn, every, next: now + every }), ids),
    clearInterval: (h) => void timers.delete(h as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = [...timers.values()].filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
        if (!due) break;
        now = due.next;
        due.next += due.every;
        due.fn();
      }
      now = end;
    },
  };
}

describe("the progress line while a model loads", () => {
  test("in a log: the model at once, then at most one line per interval, then the time it took", async () => {
    const err = new MemoryStream();
    const clock = manualClock();
    let finish!: (v: string) => void;
    const loading = withModelLoadingLine(err, "m.gguf, 2.1 GB", () => new Promise<string>((r) => (finish = r)), clock);
    assert.equal(err.text, "loading the model (m.gguf, 2.1 GB)…\n");
    clock.advance(LOADING_LINE_EVERY_MS.log * 2.5);
    assert.deepEqual(err.text.trim().split("\n").slice(1), ["loading the model (m.gguf, 2.1 GB)… 10.0 s", "loading the model (m.gguf, 2.1 GB)… 20.0 s"]);
    finish("the model");
    assert.equal(await loading, "the model");
    assert.match(err.text, /model loaded in 25\.0 s \(m\.gguf, 2\.1 GB\)\n$/);
    clock.advance(LOADING_LINE_EVERY_MS.log * 3);
    assert.equal(err.text.trim().split("\n").length, 4, "no line after the load");
  });

  test("on a terminal: one line redrawn in place, ended with a newline", async () => {
    const err = Object.assign(new MemoryStream(), { isTTY: true });
    const clock = manualClock();
    let finish!: () => void;
    const loading = withModelLoadingLine(err, "m.gguf", () => new Promise<void>((r) => (finish = r)), clock);
    clock.advance(3_000);
    finish();
    await loading;
    assert.equal(err.text.split("\n").length, 2, "one line");
    assert.equal(count(err.text, /\r/g), 5, "drawn at once, at 1, 2 and 3 s, and when loaded");
    assert.ok(err.text.endsWith("\rmodel loaded in 3.0 s (m.gguf)\x1b[K\n"), JSON.stringify(err.text));
  });

  test("a failed load stops the line and passes the error on", async () => {
    const err = new MemoryStream();
    const clock = manualClock();
    await assert.rejects(
      withModelLoadingLine(err, "m.gguf", () => Promise.reject(new Error("no memory")), clock),
      /no memory/,
    );
    clock.advance(60_000);
    assert.equal(err.text, "loading the model (m.gguf)…\n");
  });

  test("nothing to load (a remote endpoint, a replay): no line at all", async () => {
    const err = new MemoryStream();
    assert.equal(await withModelLoadingLine(err, undefined, async () => 7), 7);
    assert.equal(err.text, "");
  });
});

function count(text: string, what: RegExp): number {
  return text.match(what)?.length ?? 0;
}
