import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppService } from "../../agent/service/createAppService.js";
import { generateQwen25Vl } from "../../agent/gguf/generateQwen25Vl.js";
import type { HostChannel, SpawnHost } from "../../agent/vision/HostChannel.js";
import type { HostReply, HostRequest } from "../../agent/vision/hostProtocol.js";
import { FakeScreenSource } from "../support/FakeScreenSource.js";
import { FakeInputDriver } from "../support/FakeInputDriver.js";
import { dualHidpi } from "../support/displayLayouts.js";

/** An engine host that refuses to load, recording what it was started for. */
function refusingHost(started: string[]): SpawnHost {
  return (entry) => {
    started.push(entry.pathname.split("/").slice(-2).join("/"));
    let listener: (m: HostReply) => void = () => {};
    const channel: HostChannel = {
      pid: 1,
      send: (m: HostRequest) => {
        if (m.type === "load")
          queueMicrotask(() => listener({ type: "error", id: m.id, error: { code: "FAKE_HOST", message: "the test's engine host refuses to load" } }));
      },
      onMessage: (l) => void (listener = l),
      onExit: () => {},
      kill: () => {},
    };
    return channel;
  };
}

test("the app service loads local models through the engine host it is given (Electron's utilityProcess)", async () => {
  const home = mkdtempSync(join(tmpdir(), "deskpilot-host-"));
  try {
    const model = generateQwen25Vl({ outDir: home, preset: "tiny", type: "f16" });
    writeFileSync(join(home, "settings.json"), JSON.stringify({ model: { id: "qwen2.5-vl-3b", files: { model: model.model, mmproj: model.mmproj } } }));
    const started: string[] = [];
    const service = createAppService({
      env: { DESKPILOT_HOME: home },
      screen: new FakeScreenSource(dualHidpi),
      input: new FakeInputDriver(),
      engineHost: refusingHost(started),
    });
    try {
      // Grounding's model…
      await assert.rejects(service.ground({ query: "the OK button" }), /refuses to load/);
      assert.deepEqual(started, ["vision/engineHost.js"]);
      // …and a run's.
      const ended = new Promise<string>((resolve) => service.on("run-state", (e) => e.state === "finished" && resolve(e.reason ?? "")));
      await service.startRun("open the settings");
      assert.match(await ended, /refuses to load/);
      assert.deepEqual(started, ["vision/engineHost.js", "vision/engineHost.js"]);
    } finally {
      await service.dispose();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});
