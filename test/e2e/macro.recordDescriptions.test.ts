import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppService } from "../../agent/service/createAppService.js";
import { createDispatcher } from "../../agent/service/createDispatcher.js";
import type { MacroSummary } from "../../agent/macros/MacrosApi.js";
import { parseMacro } from "../../agent/macros/parseMacro.js";
import { generateQwen25Vl } from "../../agent/gguf/generateQwen25Vl.js";
import type { Display } from "../../agent/geometry/Display.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { ScriptedEngineHost } from "../support/ScriptedEngineHost.js";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { startXvfb, type XServer } from "./support/xserver.js";

const SCREEN = { width: 1280, height: 800 };
const DISPLAY: Display = { id: "0", name: "xvfb", x: 0, y: 0, ...SCREEN, scaleFactor: 1, primary: true };

// Issue 13: a recording started from the panel got no descriptions even with a model selected,
// because the app named targets only with a model loaded already. The recorder hooks a real X
// server (`deskpilot act` injects through XTEST); the model is a scripted engine host.
describe(
  "a recording made through the app service is described by the selected model",
  { skip: skipUnlessAvailable(missingBinaries("Xvfb", "openbox")) },
  () => {
    let xserver: XServer;
    let home: string;
    const act = async (action: object) => {
      const r = await deskpilot(["act", JSON.stringify(action)], xserver.env);
      assert.equal(r.code, 0, r.stderr);
    };

    before(async () => {
      home = mkdtempSync(join(tmpdir(), "macro-record-described-"));
      const files = generateQwen25Vl({ outDir: home, preset: "tiny", type: "f16" });
      writeFileSync(join(home, "settings.json"), JSON.stringify({ version: 2, model: { id: "qwen2.5-vl-3b", files } }));
      xserver = await startXvfb(SCREEN);
      process.env["DISPLAY"] = xserver.display;
    });
    after(async () => {
      await xserver?.stop();
      if (home) rmSync(home, { recursive: true, force: true });
    });

    test("with a model selected but not loaded, the recording loads it beside itself and every target gets a description", async () => {
      let named = 0;
      const host = new ScriptedEngineHost({ answer: () => `the field number ${++named}` });
      const service = createAppService({
        screen: new FakeScreenSource([DISPLAY], () => [40, 90, 160]),
        input: new FakeInputDriver(),
        env: { ...process.env, DESKPILOT_HOME: home },
        engineHost: host.spawn,
      });
      const dispatch = createDispatcher(service);
      const call = async (method: string, ...args: unknown[]) => {
        const reply = await dispatch(method, args);
        if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
        return reply.value;
      };
      try {
        assert.equal(host.loads.length, 0, "nothing loaded the model before the recording");
        const stopKey = new Promise<void>((resolve) => service.on("macro-state", (e) => e.reason?.includes("stop key") && resolve()));
        await call("startRecording");
        await new Promise((r) => setTimeout(r, 500));
        await act({ action: "left_click", coordinate: [300, 200] });
        await act({ action: "type", text: "Ada" });
        await act({ action: "left_click", coordinate: [300, 280] });
        await act({ action: "key", keys: ["ctrl+shift+f9"] });
        await stopKey;
        const summary = (await call("stopRecording", "described")) as MacroSummary;
        const macro = parseMacro(readFileSync(summary.path, "utf8"));
        const targets = macro.steps.flatMap((s) => (s.kind === "click" ? [s.target] : []));
        assert.equal(targets.length, 2);
        assert.deepEqual(targets.map((t) => t.description).sort(), ["the field number 1", "the field number 2"]);
        assert.ok(
          targets.every((t) => t.crop && t.context),
          "each target keeps its crop and its surroundings",
        );
        assert.equal(host.loads.length, 1, "loaded once, by the recording");
        // The user's pause between the typing and the second click is kept, not 0 ms.
        assert.ok(macro.steps[2]!.waitBeforeMs > 0, JSON.stringify(macro.steps.map((s) => s.waitBeforeMs)));
      } finally {
        await service.dispose();
      }
    });
  },
);
