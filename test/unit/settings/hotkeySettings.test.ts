import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";

function tempApi(): { api: LocalModelsApi; store: SettingsStore; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-hotkeys-"));
  const path = join(dir, "settings.json");
  const store = new SettingsStore(path);
  return { api: new LocalModelsApi({ store }), store, dir, path };
}

describe("hotkey settings are checked as the Electron app will register them", () => {
  const accepted: Array<[string, { stop?: string; pause?: string }]> = [
    ["the defaults spelled in lower case", { stop: "ctrl+alt+escape", pause: "ctrl+alt+p" }],
    ["a function key with two modifiers", { stop: "Ctrl+Shift+F9" }],
    ["a lone lock key", { stop: "Scrolllock" }],
    ["xdotool spellings", { pause: "Scroll_Lock" }],
    ["macOS modifiers", { stop: "Cmd+Shift+Esc" }],
    ["the plus key", { pause: "Ctrl++" }],
  ];
  for (const [name, hotkeys] of accepted) {
    test(`accepted: ${name} (${JSON.stringify(hotkeys)})`, async () => {
      const { api, store, dir } = tempApi();
      try {
        const saved = await api.updateSettings({ hotkeys });
        for (const [key, value] of Object.entries(hotkeys)) assert.equal(saved.hotkeys[key as "stop" | "pause"], value);
        assert.deepEqual((await store.load()).settings.hotkeys, saved.hotkeys, "written and read back unchanged");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  const refused: Array<[string, { stop?: string; pause?: string }, RegExp]> = [
    ["a plain letter would swallow it in every app", { stop: "q" }, /hotkeys\.stop: The hotkey "q" is a plain typing key/],
    ["a plain space", { pause: "space" }, /hotkeys\.pause: .*plain typing key/],
    ["an unknown modifier", { stop: "Hyper+Q" }, /hotkeys\.stop: .*"Hyper" where a modifier/],
    ["a key Electron cannot bind", { pause: "Ctrl+Banana" }, /hotkeys\.pause: .*"Banana", which is not a key/],
    ["F25 does not exist", { stop: "Ctrl+F25" }, /hotkeys\.stop: .*not a key Electron can bind/],
    ["a trailing plus with no key", { stop: "Ctrl+Alt+" }, /hotkeys\.stop: .*empty part/],
    ["a doubled modifier", { pause: "Ctrl+Control+P" }, /hotkeys\.pause: .*names Ctrl twice/],
    ["stop and pause on the same key", { stop: "Ctrl+Alt+P", pause: "control+alt+p" }, /hotkeys\.pause: the stop and pause hotkeys are the same key/],
  ];
  for (const [name, hotkeys, reason] of refused) {
    test(`refused: ${name} (${JSON.stringify(hotkeys)})`, async () => {
      const { api, store, dir, path } = tempApi();
      try {
        await store.update((s) => ({ ...s, zoom: false }));
        const before = readFileSync(path, "utf8");
        await assert.rejects(api.updateSettings({ hotkeys }), (e: Error & { code?: string }) => {
          assert.equal(e.code, "INVALID_SETTING");
          assert.match(e.message, reason);
          assert.match(e.message, /e\.g\. Ctrl\+Shift\+F9/, "the message shows hotkeys that work");
          return true;
        });
        assert.equal(readFileSync(path, "utf8"), before, "the file is untouched");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  test("a file edited by hand with an unusable hotkey is repaired to the default and reported", async () => {
    const { store, dir, path } = tempApi();
    try {
      writeFileSync(path, JSON.stringify({ hotkeys: { stop: "q", pause: "Ctrl+Alt+F8" } }));
      const loaded = await store.load();
      assert.deepEqual(loaded.settings.hotkeys, { stop: "Ctrl+Shift+F9", pause: "Ctrl+Alt+F8" });
      assert.ok(
        loaded.issues.some((i) => /hotkeys\.stop: "q" is not valid .*plain typing key/.test(i)),
        loaded.issues.join("\n"),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
