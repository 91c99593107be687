import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAppService } from "../../../agent/service/createAppService.js";
import type { LocalService } from "../../../agent/service/LocalService.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { runOptionsFromSettings } from "../../../agent/settings/runOptionsFromSettings.js";
import { defaultSettings } from "../../../agent/settings/settingsSchema.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { dualHidpi } from "../../support/displayLayouts.js";
import { ScriptedDecider, call } from "../loop/support/ScriptedDecider.js";

/** Runs one task to its end, answering every confirmation with `allow`; what the run asked and saw. */
async function run(service: LocalService, deciders: readonly ScriptedDecider[], allow: boolean) {
  const confirms: ServiceEventOf<"confirm-request">[] = [];
  const stopConfirm = service.on("confirm-request", (e) => {
    confirms.push(e);
    void service.answerConfirm(e.requestId, allow);
  });
  const { runId } = await service.startRun("close the window");
  const end = await new Promise<ServiceEventOf<"run-state">>((resolve) => {
    const stop = service.on("run-state", (e) => e.runId === runId && e.state === "finished" && (stop(), resolve(e)));
  });
  stopConfirm();
  const frame = deciders.at(-1)!.requests[0]!.screenshot.frame;
  return { end, confirms, tokens: (frame.width / 28) * (frame.height / 28) };
}

describe("runs started by the app service use the user's settings", () => {
  test("the settings map onto the run: confirmations switch the policy, the allow-list and token bounds carry over", () => {
    const s = defaultSettings();
    const off = runOptionsFromSettings({ ...s, policy: { confirmRisky: false, dryRun: true, allowApps: ["Firefox"] }, imageTokens: { min: 256, max: 1024 } });
    assert.equal(off.policy.enabled, false);
    assert.deepEqual(off.policy.allowedApps, ["Firefox"]);
    assert.equal(off.dryRun, true);
    assert.deepEqual(off.bounds, { minImageTokens: 256, maxImageTokens: 1024 });
    assert.equal(runOptionsFromSettings(s).policy.enabled, true);
  });

  test("a settings change made between two runs applies to the second: policy, dry run and image-token bounds", async () => {
    const home = await mkdtemp(join(tmpdir(), "deskpilot-runsettings-"));
    const input = new FakeInputDriver({ x: 600, y: 300 });
    const deciders: ScriptedDecider[] = [];
    const service = createAppService({
      screen: new FakeScreenSource(dualHidpi),
      input,
      env: { DESKPILOT_HOME: home },
      createDecider: async () => {
        deciders.push(new ScriptedDecider([call({ action: "key", keys: ["alt", "f4"] }), call({ action: "terminate", status: "success" })]));
        return deciders.at(-1)!;
      },
    });
    try {
      // Defaults: a destructive key needs confirmation (refused here), frames up to 4096 tokens.
      const first = await run(service, deciders, false);
      assert.equal(first.confirms.length, 1);
      assert.match(first.confirms[0]!.reason, /alt\+f4/);
      assert.ok(first.tokens > 1024, `first frame: ${first.tokens} tokens`);
      assert.equal(input.calls.length, 0);

      await service.updateSettings({ policy: { confirmRisky: false, dryRun: true }, imageTokens: { min: 64, max: 256 } });
      const second = await run(service, deciders, false);
      assert.equal(second.confirms.length, 0, "no confirmation once the user turned them off");
      assert.ok(second.tokens <= 256, `second frame: ${second.tokens} tokens`);
      assert.equal(second.end.status, "success");
      assert.equal(input.calls.length, 0, "dry run from the settings: no input sent");
    } finally {
      await service.dispose();
      await rm(home, { recursive: true, force: true });
    }
  });
});
