import { test } from "node:test";
import assert from "node:assert/strict";
import { ClipboardPaste, type Clipboard } from "../../../agent/actions/ClipboardPaste.js";

/**
 * A clipboard as X11 serves it through xsel: `setContent` returns at once, and the new owner
 * takes the selection only after its delay (the next one from `delays`), so an earlier, slower
 * owner can still take it back afterwards.
 */
function xselClipboard(initial: string, delays: number[]) {
  const state = { content: initial, pending: 0, sets: [] as string[] };
  const clipboard: Clipboard = {
    getContent: async () => state.content,
    setContent: async (text) => {
      state.sets.push(text);
      state.pending++;
      setTimeout(() => {
        state.content = text;
        state.pending--;
      }, delays.shift() ?? 0);
    },
  };
  return { clipboard, state };
}

test("each paste happens once the clipboard holds its text, even when the helper takes ownership late", async () => {
  const { clipboard, state } = xselClipboard("the user's notes", [60, 40, 80]);
  const pasted: string[] = [];
  const paste = new ClipboardPaste(clipboard, async () => void pasted.push(state.content), 300);
  for (const text of ["ë", "Ł", "東京"]) await paste.paste(text);
  assert.deepEqual(pasted, ["ë", "Ł", "東京"]);
});

test("the user's clipboard is put back once, after the last paste, and holds when restore returns", async () => {
  // The restore's owner is the slowest: without waiting for it, the next paste would race it.
  const { clipboard, state } = xselClipboard("the user's notes", [5, 5, 90]);
  const paste = new ClipboardPaste(clipboard, async () => {}, 300);
  await paste.paste("ë");
  await paste.paste("👩‍💻");
  await paste.restore();
  assert.deepEqual(state.sets, ["ë", "👩‍💻", "the user's notes"], "no change back between two pastes");
  assert.equal(state.content, "the user's notes");
  assert.equal(state.pending, 0, "no owner is still waiting to take the clipboard");
});

test("an empty clipboard, or no paste at all, is left alone", async () => {
  const empty = xselClipboard("", []);
  const paste = new ClipboardPaste(empty.clipboard, async () => {}, 100);
  await paste.paste("東京");
  await paste.restore();
  assert.deepEqual(empty.state.sets, ["東京"]);

  const untouched = xselClipboard("kept", []);
  await new ClipboardPaste(untouched.clipboard, async () => {}, 100).restore();
  assert.deepEqual(untouched.state.sets, []);
});

test("a clipboard that never reads back does not hang typing: the paste goes ahead after the limit", async () => {
  const clipboard: Clipboard = { getContent: () => Promise.reject(new Error("xsel: no display")), setContent: async () => {} };
  let pressed = 0;
  const paste = new ClipboardPaste(clipboard, async () => void pressed++, 50);
  await paste.paste("東京");
  assert.equal(pressed, 1);
});
