import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { loadBesideImage } from "../../../agent/cli/commands/loadBesideImage.js";
import type { SourceImage } from "../../../agent/frames/SourceImage.js";

const image: SourceImage = { data: new Uint8Array(12), width: 2, height: 2, channels: 3 };

/** A model load that resolves when told to (or rejects when its signal aborts), and counts disposals. */
function pendingLoad() {
  const state = { started: false, aborted: false, disposed: 0, finish: () => {} };
  const load = (signal: AbortSignal) =>
    new Promise<{ dispose(): Promise<void> }>((resolve, reject) => {
      state.started = true;
      state.finish = () => resolve({ dispose: async () => void state.disposed++ });
      signal.addEventListener("abort", () => {
        state.aborted = true;
        reject(new Error("load cancelled"));
      });
    });
  return { state, load };
}

describe("loadBesideImage (ground and ask read the image while the model loads)", () => {
  test("the load starts before the image is read, and both come back", async () => {
    const { state, load } = pendingLoad();
    const r = loadBesideImage(async () => {
      assert.ok(state.started, "the model load is already under way while the image is decoded");
      setImmediate(() => state.finish());
      return image;
    }, load);
    const { image: got, model } = await r;
    assert.equal(got, image);
    await model.dispose();
    assert.equal(state.disposed, 1);
  });

  test("a bad image cancels the load and is the error reported", async () => {
    const { state, load } = pendingLoad();
    await assert.rejects(
      loadBesideImage(async () => {
        throw new Error("/tmp/nope.png is not a readable image");
      }, load),
      /not a readable image/,
    );
    assert.ok(state.aborted, "the load was cancelled");
  });

  test("a model that finished loading before the image failed is disposed, not leaked", async () => {
    let disposed = 0;
    await assert.rejects(
      loadBesideImage(
        async () => {
          await new Promise((r) => setTimeout(r, 5));
          throw new Error("corrupt image");
        },
        async () => ({ dispose: async () => void disposed++ }),
      ),
      /corrupt image/,
    );
    assert.equal(disposed, 1);
  });

  test("a failed load is the error when the image was fine, even one that fails while the image is still read", async () => {
    await assert.rejects(
      loadBesideImage(
        async () => {
          await new Promise((r) => setTimeout(r, 20));
          return image;
        },
        async () => {
          throw new Error("the model file is truncated");
        },
      ),
      /truncated/,
    );
  });
});
