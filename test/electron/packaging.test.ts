import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../support/repoRoot.js";

/** The `files` globs of electron-builder.yml (a flat list of strings, as this file keeps it). */
function builderFiles(): string[] {
  const yml = readFileSync(join(repoRoot, "electron-builder.yml"), "utf8");
  const block = /^files:\n((?:\s+(?:-.*|#.*)\n)+)/m.exec(yml)?.[1] ?? "";
  return block.split("\n").flatMap((line) => {
    const m = /^\s+-\s+"?([^"#]+?)"?\s*$/.exec(line);
    return m?.[1] ? [m[1]] : [];
  });
}

/** Whether electron-builder would pack `path`: some include matches and no later exclude does. */
function packed(path: string, globs: readonly string[]): boolean {
  const toRegExp = (glob: string) =>
    new RegExp(
      `^${glob
        .split("**")
        .map((part) => part.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*"))
        .join(".*")}$`,
    );
  let included = false;
  for (const glob of globs) {
    if (glob.startsWith("!")) {
      if (toRegExp(glob.slice(1)).test(path)) included = false;
    } else if (toRegExp(glob).test(path)) included = true;
  }
  return included;
}

test("the packaged app carries what main loads at run time: both pages, both preloads, the tray icons, our native addons", () => {
  const globs = builderFiles();
  assert.ok(globs.length > 3, `parsed ${globs.join(", ")}`);
  const runtime = [
    "dist/electron/main/main.js",
    "dist/electron/preload/preload.js",
    "dist/electron/preload/widgetPreload.js",
    "dist/renderer/index.html",
    "dist/renderer/widget/index.html",
    "dist/agent/vision/engineHost.js",
    "native/build/deskpilot_vision.node",
    "native/build/deskpilot_capture.node",
    "native/build/build-info.json",
    "electron/resources/tray/trayIdle.png",
    "electron/resources/tray/trayIdle@2x.png",
    "electron/resources/tray/trayActive.png",
    "electron/resources/tray/trayActive@2x.png",
  ];
  for (const path of runtime) assert.ok(packed(path, globs), `${path} is packed`);
  assert.ok(!packed("dist/test/electron/hotkeys.test.js", globs), "tests stay out");
  for (const icon of runtime.filter((p) => p.endsWith(".png"))) assert.ok(existsSync(join(repoRoot, icon)), `${icon} is committed`);
  // electron-builder takes the app icon from buildResources; it needs at least 512×512.
  const png = readFileSync(join(repoRoot, "electron/resources/icon.png"));
  assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [512, 512]);
});
