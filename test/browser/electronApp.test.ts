import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { _electron } from "playwright-core";
import { repoRoot } from "../support/repoRoot.js";

/** Electron's binary as `npm start` finds it, or why there is none. */
function electronBinary(): { path?: string; why?: string } {
  try {
    const path = createRequire(import.meta.url)("electron") as string;
    return existsSync(path) ? { path } : { why: `${path} does not exist` };
  } catch {
    return { why: "never downloaded; set ELECTRON_OVERRIDE_DIST_PATH or run scripts/fetch-electron.mjs" };
  }
}

const electron = electronBinary();
const needsDisplay = process.platform === "linux" && !process.env["DISPLAY"];
const built = existsSync(join(repoRoot, "dist/renderer/index.html"));
// Not a prerequisite CI can install (the binary comes from GitHub), so this skips even
// under CI=true, saying so, rather than failing every offline run.
const skip = !electron.path
  ? `skipped: no Electron binary (${electron.why})`
  : needsDisplay
    ? "skipped: no display (DISPLAY is unset)"
    : !built
      ? "skipped: the control panel is not built (npm run build:app)"
      : false;

test("the Electron app opens the control panel, isolated, with the preload's API", { skip }, async () => {
  const args = [repoRoot, ...(process.getuid?.() === 0 ? ["--no-sandbox"] : [])];
  const app = await _electron.launch({ executablePath: electron.path!, args, timeout: 60_000 });
  try {
    const window = await app.firstWindow();
    await window.getByRole("tab", { name: "Tools" }).click();
    await window.getByRole("heading", { name: "Displays" }).waitFor();
    assert.equal(await window.title(), "DeskPilot");
    const page = await window.evaluate(() => {
      const g = globalThis as unknown as Record<string, unknown>;
      return {
        api: Object.keys((g["deskpilot"] as object | undefined) ?? {}).sort(),
        require: typeof g["require"],
        process: typeof g["process"],
      };
    });
    assert.deepEqual(page.api, ["act", "capture", "listDisplays", "onEvent"]);
    assert.equal(page.require, "undefined", "no Node integration in the page");
    assert.equal(page.process, "undefined", "no Node integration in the page");
    // The real service answers over IPC: a dry run never moves the mouse.
    await window.getByLabel("computer_use action (JSON)").fill('{"action": "wait", "time": 0}');
    await window.getByRole("button", { name: "Validate" }).click();
    await window.getByRole("status").filter({ hasText: "wait" }).waitFor();
  } finally {
    await app.close();
  }
});
