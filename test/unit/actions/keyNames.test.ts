import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { Key } from "@nut-tree-fork/nut-js";
import { keyEnumName, splitChord } from "../../../agent/actions/keyNames.js";
import { planTyping } from "../../../agent/actions/planTyping.js";

describe("keyEnumName", () => {
  // Spellings models and users write (xdotool, pyautogui, browser), with the nut-js key meant.
  const expected: [string, string][] = [
    ["ctrl", "LeftControl"],
    ["Control", "LeftControl"],
    ["CTRL", "LeftControl"],
    ["rctrl", "RightControl"],
    ["shift", "LeftShift"],
    ["alt", "LeftAlt"],
    ["altgr", "RightAlt"],
    ["option", "LeftAlt"],
    ["super", "LeftSuper"],
    ["win", "LeftSuper"],
    ["meta", "LeftMeta"],
    ["cmd", "LeftCmd"],
    ["command", "LeftCmd"],
    ["enter", "Enter"],
    ["Return", "Enter"],
    ["KP_Enter", "Enter"],
    ["esc", "Escape"],
    ["Escape", "Escape"],
    ["tab", "Tab"],
    ["space", "Space"],
    [" ", "Space"],
    ["BackSpace", "Backspace"],
    ["Delete", "Delete"],
    ["Page_Up", "PageUp"],
    ["Prior", "PageUp"],
    ["Next", "PageDown"],
    ["ArrowLeft", "Left"],
    ["Up", "Up"],
    ["Home", "Home"],
    ["End", "End"],
    ["Insert", "Insert"],
    ["PrintScreen", "Print"],
    ["CapsLock", "CapsLock"],
    ["a", "A"],
    ["Z", "Z"],
    ["0", "Num0"],
    ["9", "Num9"],
    ["f1", "F1"],
    ["F12", "F12"],
    ["F24", "F24"],
    ["-", "Minus"],
    ["=", "Equal"],
    ["[", "LeftBracket"],
    ["]", "RightBracket"],
    ["\\", "Backslash"],
    [";", "Semicolon"],
    ["'", "Quote"],
    [",", "Comma"],
    [".", "Period"],
    ["/", "Slash"],
    ["`", "Grave"],
  ];

  for (const [name, enumName] of expected) {
    test(`${JSON.stringify(name)} → Key.${enumName}`, () => {
      assert.equal(keyEnumName(name), enumName);
      assert.equal(typeof (Key as unknown as Record<string, unknown>)[enumName], "number", `nut-js has no Key.${enumName}`);
    });
  }

  test("unknown names are undefined, not guessed", () => {
    for (const name of ["", "bogus", "f0", "f25", "ctrl+c", "ab", "é", "10"]) {
      assert.equal(keyEnumName(name), undefined, JSON.stringify(name));
    }
  });

  test("every key planTyping chooses for printable ASCII is a key nut-js has", () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join("") + "\n\t";
    for (const step of planTyping(ascii)) {
      assert.equal(step.kind, "chord");
      if (step.kind !== "chord") continue;
      for (const k of step.keys) {
        const enumName = keyEnumName(k);
        assert.ok(enumName !== undefined && enumName in Key, `${JSON.stringify(step.char)} plans unknown key ${JSON.stringify(k)}`);
      }
    }
  });
});

describe("splitChord", () => {
  test("chords written as one string split into their keys", () => {
    assert.deepEqual(splitChord(["ctrl+shift+t"]), ["ctrl", "shift", "t"]);
    assert.deepEqual(splitChord(["ctrl", "c"]), ["ctrl", "c"]);
    assert.deepEqual(splitChord(["alt+F4", "enter"]), ["alt", "F4", "enter"]);
  });

  test("a lone + stays a key", () => {
    assert.deepEqual(splitChord(["+"]), ["+"]);
  });

  test("a + key at the end of a chord string is kept, not dropped (ctrl++ is zoom in)", () => {
    assert.deepEqual(splitChord(["ctrl++"]), ["ctrl", "+"]);
  });
});
