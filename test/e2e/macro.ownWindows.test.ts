import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppService } from "../../agent/service/createAppService.js";
import type { LocalService } from "../../agent/service/LocalService.js";
import { createDispatcher } from "../../agent/service/createDispatcher.js";
import type { MacroSummary } from "../../agent/macros/MacrosApi.js";
import { LocalMacros } from "../../agent/macros/LocalMacros.js";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import type { Display } from "../../agent/geometry/Display.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { startXvfb, type XServer } from "./support/xserver.js";

const SCREEN = { width: 1280, height: 800 };
const DISPLAY: Display = { id: "0", name: "xvfb", x: 0, y: 0, ...SCREEN, scaleFactor: 1, primary: true };
/** Where "DeskPilot's panel" is on the screen, as Electron's main process reports its windows. */
const PANEL = { x: 900, y: 0, width: 380, height: 500 };

// The app service's recorder hooks the global input of a real X server (where `deskpilot act`
// injects clicks and keys through XTEST); the screen and the replaying input are fakes.
describe("the app service's recordings leave DeskPilot's own windows out", { skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox")) }, () => {
  let xserver: XServer;
  let tmp: string;
  const act = async (action: object) => {
    const r = await deskpilot(["act", JSON.stringify(action)], xserver.env);
    assert.equal(r.code, 0, r.stderr);
  };

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "macro-own-windows-"));
    xserver = await startXvfb(SCREEN);
    // The recorder's child process hooks the display this process names.
    process.env["DISPLAY"] = xserver.display;
  });
  after(async () => {
    await xserver?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("presses in the panel and the keys typed into it are not recorded, nor anything after the stop key (naming the macro)", async () => {
    const service: LocalService = createAppService({
      screen: new FakeScreenSource([DISPLAY], () => [40, 90, 160]),
      input: new FakeInputDriver(),
      env: { ...process.env, DESKPILOT_HOME: tmp },
      ownWindows: () => [PANEL],
    });
    // As the panel calls it (Electron IPC and `deskpilot serve` dispatch the same way).
    const dispatch = createDispatcher(service);
    const call = async (method: string, ...args: unknown[]) => {
      const reply = await dispatch(method, args);
      if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
      return reply.value;
    };
    try {
      const stopKey = new Promise<void>((resolve) => service.on("macro-state", (e) => e.reason?.includes("stop key") && resolve()));
      await call("startRecording");
      await new Promise((r) => setTimeout(r, 500)); // the hook and the frame tap settle
      await act({ action: "left_click", coordinate: [300, 200] });
      await act({ action: "type", text: "kept" });
      await act({ action: "left_click", coordinate: [1000, 100] }); // into the panel
      await act({ action: "type", text: "panel" });
      await act({ action: "left_click", coordinate: [300, 600] });
      await act({ action: "type", text: "also kept" });
      await act({ action: "key", keys: ["ctrl+shift+f9"] });
      await stopKey;
      // The user now names the macro, in a panel the service may not know the place of (a browser page).
      await act({ action: "left_click", coordinate: [600, 700] });
      await act({ action: "type", text: "my macro" });
      await new Promise((r) => setTimeout(r, 300));
      const summary = (await call("stopRecording", "own windows")) as MacroSummary;
      const macro = parseMacro(readFileSync(summary.path, "utf8"));
      assert.deepEqual(
        macro.steps.map((s) => (s.kind === "click" ? `click ${s.target.point.x},${s.target.point.y}` : s.kind === "type" ? `type ${s.text}` : s.kind)),
        ["click 300,200", "type kept", "click 300,600", "type also kept"],
      );
      assert.equal(summary.path, join(tmp, "macros", "own windows.json"), "saved in the app's library");
    } finally {
      await service.dispose();
    }
  });

  test("a model that fails to name a target costs the description, never the crop", async () => {
    const screen = new FakeScreenSource([DISPLAY], (d) => [d.width % 256, 90, 160]);
    const macros = new LocalMacros({ screen, input: new FakeInputDriver(), library: join(tmp, "lib") });
    await macros.startRecording({ describe: async () => Promise.reject(new Error("the model crashed")) });
    await new Promise((r) => setTimeout(r, 500));
    await act({ action: "left_click", coordinate: [300, 200] });
    await act({ action: "key", keys: ["ctrl+shift+f9"] });
    await macros.recordingStopRequested();
    const summary = await macros.stopRecording(join(tmp, "lib", "described.json"), "described");
    const step = parseMacro(readFileSync(summary.path, "utf8")).steps[0];
    assert.ok(step?.kind === "click" && step.target.crop, "the click kept its crop");
    assert.equal(step.target.description, "");
  });
});
