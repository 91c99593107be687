import { test } from "node:test";
import assert from "node:assert/strict";
import { toAccelerator } from "../../agent/settings/toAccelerator.js";
import { EmergencyHotkeys } from "../../electron/main/EmergencyHotkeys.js";
import { defaultSettings } from "../../agent/settings/settingsSchema.js";
import { FakeShortcuts } from "./support/FakeShortcuts.js";

test("settings hotkeys become Electron accelerators", () => {
  const cases: [string, string][] = [
    ["Ctrl+Alt+Escape", "Ctrl+Alt+Escape"],
    ["ctrl+alt+p", "Ctrl+Alt+P"],
    [" Control + Shift + f9 ", "Ctrl+Shift+F9"],
    ["scrolllock", "Scrolllock"],
    ["Scroll_Lock", "Scrolllock"],
    ["cmd+shift+esc", "Command+Shift+Escape"],
    ["CmdOrCtrl+Alt+Delete", "CommandOrControl+Alt+Delete"],
    ["super+enter", "Super+Return"],
    ["Ctrl++", "Ctrl+Plus"],
    ["alt+/", "Alt+/"],
    ["F12", "F12"],
    ["ctrl+num5", "Ctrl+num5"],
  ];
  for (const [chord, accelerator] of cases) assert.deepEqual(toAccelerator(chord), { ok: true, accelerator }, chord);
  // The defaults the settings ship with must work.
  const { stop, pause } = defaultSettings().hotkeys;
  assert.ok(toAccelerator(stop).ok && toAccelerator(pause).ok);
});

test("hotkeys that cannot be global are refused with what to use instead", () => {
  const cases: [string, RegExp][] = [
    ["", /empty part/],
    ["ctrl+", /empty part/],
    ["hyper+q", /"hyper" where a modifier/],
    ["ctrl+ctrl+q", /names Ctrl twice/],
    ["ctrl+banana", /"banana", which is not a key/],
    ["F25", /not a key/],
    ["q", /plain typing key/],
    ["space", /plain typing key/],
  ];
  for (const [chord, problem] of cases) {
    const result = toAccelerator(chord);
    assert.ok(!result.ok, chord);
    assert.match(result.problem, problem, chord);
    assert.match(result.problem, /e\.g\. Ctrl\+Shift\+F9/);
  }
});

function rig(taken: string[] = []) {
  const shortcuts = new FakeShortcuts(taken);
  const actions: string[] = [];
  const hotkeys = new EmergencyHotkeys(shortcuts, { stop: (reason) => actions.push(`stop: ${reason}`), togglePause: () => actions.push("pause") });
  return { shortcuts, actions, hotkeys };
}

test("pressing the registered hotkeys stops and pauses; disable lets go of both", () => {
  const { shortcuts, actions, hotkeys } = rig();
  const status = hotkeys.enable({ stop: "Ctrl+Alt+Escape", pause: "ctrl+alt+p" });
  assert.deepEqual(status, { stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P", problems: [] });
  shortcuts.press("Ctrl+Alt+P");
  shortcuts.press("Ctrl+Alt+Escape");
  assert.deepEqual(actions, ["pause", "stop: the stop hotkey (Ctrl+Alt+Escape) was pressed"]);
  hotkeys.disable();
  hotkeys.disable();
  assert.equal(shortcuts.bound.size, 0);
});

test("a stop hotkey another app holds is reported with the ways left to stop, not swallowed", () => {
  const { shortcuts, hotkeys } = rig(["Ctrl+Alt+Escape"]);
  const status = hotkeys.enable({ stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P" });
  assert.equal(status.stop, undefined);
  assert.equal(status.pause, "Ctrl+Alt+P");
  assert.match(status.problems.join(" "), /stop hotkey Ctrl\+Alt\+Escape is taken by another app/);
  assert.match(status.problems.join(" "), /widget's Stop button, the tray menu, or by pushing the pointer into a screen corner/);
  assert.deepEqual([...shortcuts.bound.keys()], ["Ctrl+Alt+P"]);
});

test("an invalid or duplicate pause hotkey is a problem while stop still works", () => {
  const { hotkeys } = rig();
  const bad = hotkeys.enable({ stop: "Ctrl+Alt+Escape", pause: "ctrl+banana" });
  assert.equal(bad.stop, "Ctrl+Alt+Escape");
  assert.match(bad.problems[0] ?? "", /pause hotkey does not work/);
  const same = hotkeys.enable({ stop: "Ctrl+Alt+Escape", pause: "ctrl+alt+escape" });
  assert.match(same.problems[0] ?? "", /same as the stop hotkey/);
});

test("a registry that throws (a malformed accelerator) becomes a problem too", () => {
  const hotkeys = new EmergencyHotkeys(
    {
      register: () => {
        throw new Error("Failed to parse accelerator");
      },
      unregister: () => {},
    },
    { stop: () => {}, togglePause: () => {} },
  );
  const status = hotkeys.enable({ stop: "Ctrl+Alt+Escape", pause: "Ctrl+Alt+P" });
  assert.equal(status.stop, undefined);
  assert.match(status.problems[0] ?? "", /could not be registered \(Failed to parse accelerator\)/);
});
