import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { ModelsPanelRig, panelMissing } from "./support/modelsPanelRig.js";

// The Settings screen edits the one settings file through the service: what it saves is on disk
// and survives a reload; what the schema refuses is shown at its field and nothing is written.
describe("the Settings screen, against the real settings slice", { skip: skipUnlessAvailable(panelMissing), timeout: 120_000 }, () => {
  const rig = new ModelsPanelRig();
  const onDisk = () =>
    JSON.parse(readFileSync(rig.settingsFile, "utf8")) as Record<string, unknown> & {
      imageTokens: { min: number; max: number };
      policy: { allowApps: string[] };
      zoom: boolean;
    };
  const field = (label: string) => rig.page.getByLabel(label, { exact: true });
  const save = () => rig.page.getByRole("button", { name: "Save settings" }).click();

  before(() => rig.start());
  after(() => rig.close());

  test("a changed setting is saved to the file and is still there after a reload", async () => {
    await rig.open("Settings");
    await field("Maximum image tokens").fill("2048");
    await field("Zoom in to refine clicks").uncheck();
    await field("Allowed apps (one per line)").fill("Firefox\nLibreOffice Calc\n");
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    const saved = onDisk();
    assert.deepEqual(saved.imageTokens, { min: 1024, max: 2048 });
    assert.equal(saved.zoom, false);
    assert.deepEqual(saved.policy.allowApps, ["Firefox", "LibreOffice Calc"]);
    await rig.page.reload();
    await rig.page.getByRole("tab", { name: "Settings" }).click();
    assert.equal(await field("Maximum image tokens").inputValue(), "2048");
    assert.equal(await field("Zoom in to refine clicks").isChecked(), false);
    assert.equal(await field("Allowed apps (one per line)").inputValue(), "Firefox\nLibreOffice Calc");
  });

  test("an endpoint preset fills in its usual address", async () => {
    await field("Where the model runs").selectOption({ label: "LM Studio (http://127.0.0.1:1234/v1)" });
    assert.equal(await field("Base URL").inputValue(), "http://127.0.0.1:1234/v1");
    assert.equal(await rig.page.getByRole("note").count(), 0, "a server on this machine is fine in local-only mode");
    await field("Base URL").fill("http://192.168.1.20:1234/v1");
    assert.match(await rig.page.getByRole("note").innerText(), /Local-only is on, so DeskPilot will refuse to connect to this address/);
    await field("Base URL").fill("http://127.0.0.1:1234/v1");
    await field("Model name on the server").fill("qwen2.5-vl-7b-instruct");
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.deepEqual(onDisk()["endpoint"], { preset: "lm-studio", baseUrl: "http://127.0.0.1:1234/v1", model: "qwen2.5-vl-7b-instruct", apiKey: "" });
    await field("Where the model runs").selectOption({ label: "Built-in engine (this machine)" });
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.equal(onDisk()["endpoint"], null);
  });

  test("the model's answer format, the grounding prompt and the target checks are saved; the default choice clears them", async () => {
    type Disk = { model: Record<string, unknown>; policy: Record<string, unknown>; groundingPrompt: string; endpoint: Record<string, unknown> | null };
    const disk = () => onDisk() as unknown as Disk;
    await field("How the model answers").selectOption("ui-tars-1.5");
    await field("Grounding prompt").selectOption("tool-call");
    await field("Check each action's target with the model").selectOption("off");
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.equal(disk().model["profile"], "ui-tars-1.5");
    assert.equal(disk().groundingPrompt, "tool-call");
    assert.equal(disk().policy["inspect"], false);
    await rig.page.reload();
    await rig.page.getByRole("tab", { name: "Settings" }).click();
    assert.equal(await field("How the model answers").inputValue(), "ui-tars-1.5");
    assert.equal(await field("Check each action's target with the model").inputValue(), "off");

    await field("How the model answers").selectOption("");
    await field("Check each action's target with the model").selectOption("");
    await field("Grounding prompt").selectOption("json");
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.ok(!("profile" in disk().model) && !("inspect" in disk().policy), JSON.stringify(disk()));
    assert.equal(disk().groundingPrompt, "json");

    // A server's model: its format and coordinate space travel with the endpoint.
    await field("Where the model runs").selectOption({ label: "LM Studio (http://127.0.0.1:1234/v1)" });
    await field("Model name on the server").fill("ui-tars-1.0-7b");
    await field("How the server's model answers").selectOption("ui-tars-1.5");
    await field("The server model's coordinates").selectOption("relative-1000");
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.deepEqual(disk().endpoint, {
      preset: "lm-studio",
      baseUrl: "http://127.0.0.1:1234/v1",
      model: "ui-tars-1.0-7b",
      apiKey: "",
      profile: "ui-tars-1.5",
      coordinates: "relative-1000",
    });
    await rig.screenshot("panel-settings-profiles.png");
    await field("Where the model runs").selectOption({ label: "Built-in engine (this machine)" });
    await save();
    await rig.page.getByRole("status").filter({ hasText: "Saved." }).waitFor();
    assert.equal(disk().endpoint, null);
  });

  test("an invalid value is refused at its field with the reason, and nothing is written", async () => {
    const before = readFileSync(rig.settingsFile, "utf8");
    await field("Minimum image tokens").fill("3000"); // above the maximum (2048)
    await field("Emergency stop").fill("Ctrl+Alt+End"); // valid, but must not be saved alone
    await save();
    const minField = rig.page.locator(".setting", { has: field("Minimum image tokens") });
    const refusal = minField.getByRole("alert");
    await refusal.waitFor();
    assert.match(await refusal.innerText(), /INVALID_SETTING.*imageTokens\.min: the minimum must not exceed the maximum/);
    assert.equal(await field("Minimum image tokens").getAttribute("aria-invalid"), "true");
    const summary = rig.page.getByRole("alert", { name: /The save was refused/ });
    assert.match(await summary.innerText(), /1 setting needs changing\. Your edits are still here; the settings file stays as it was/);
    assert.doesNotMatch(await rig.page.locator("form.settings").innerText(), /nothing was changed/i);
    assert.equal(readFileSync(rig.settingsFile, "utf8"), before, "the file is untouched");
    await rig.screenshot("panel-settings-refused.png");

    await field("Minimum image tokens").fill("20000");
    await save();
    await minField
      .getByRole("alert")
      .filter({ hasText: /imageTokens\.min: must be at most 16384/ })
      .waitFor();
    await field("Context size (tokens)").fill("8192.5");
    await save();
    const ctx = rig.page.locator(".setting", { has: field("Context size (tokens)") }).getByRole("alert");
    assert.match(await ctx.innerText(), /enter a whole number/);
    assert.equal(readFileSync(rig.settingsFile, "utf8"), before);
    await rig.page.getByRole("button", { name: "Discard changes" }).click();
    assert.equal(await field("Minimum image tokens").inputValue(), "1024");
  });

  test("every invalid value is named at once, at its field and in one list by label, in words; the file is untouched", async () => {
    const before = readFileSync(rig.settingsFile, "utf8");
    await field("CPU threads").fill("5000");
    await field("Minimum image tokens").fill("2");
    await field("Model hub").fill("huggingface");
    await save();
    const summary = rig.page.getByRole("alert", { name: /The save was refused/ });
    await summary.waitFor();
    const listed = await summary.innerText();
    assert.match(listed, /3 settings need changing/);
    assert.match(listed, /CPU threads engine\.threads: must be at most 1024/);
    assert.match(listed, /Minimum image tokens imageTokens\.min: must be at least 4/);
    assert.match(listed, /Model hub hubEndpoint: must be a full web address such as https:/);
    for (const label of ["CPU threads", "Minimum image tokens", "Model hub"]) {
      assert.equal(await field(label).getAttribute("aria-invalid"), "true", label);
    }
    assert.equal(readFileSync(rig.settingsFile, "utf8"), before, "the file is untouched");

    // Emptied text is listed with the rest, not instead of it.
    await field("Emergency stop").fill("");
    await save();
    await summary.filter({ hasText: "Emergency stop hotkeys.stop: must not be empty" }).waitFor();
    assert.match(await summary.innerText(), /4 settings need changing.*CPU threads.*Minimum image tokens.*Model hub/s);
    await rig.screenshot("panel-settings-refused-all.png");
    await rig.page.getByRole("button", { name: "Discard changes" }).click();
    await summary.waitFor({ state: "detached" });
  });

  test("a broken settings file is reported as repaired, keeping the valid values", async () => {
    writeFileSync(rig.settingsFile, JSON.stringify({ version: 2, zoom: "yes please", imageTokens: { min: 1024, max: 3072 }, localOnly: false }));
    await rig.page.getByRole("button", { name: "Reload" }).click();
    const report = rig.page.getByRole("alert", { name: "Settings file repaired" });
    await report.waitFor();
    assert.match(await report.innerText(), /zoom/);
    assert.match(await report.innerText(), /The original is kept in .*\.bak/);
    assert.equal(await field("Maximum image tokens").inputValue(), "3072");
    assert.equal(await field("Local only").isChecked(), false);
    assert.equal(await field("Zoom in to refine clicks").isChecked(), true, "the invalid value is back to its default");
    await rig.screenshot("panel-settings.png");
    assert.deepEqual(rig.consoleErrors, []);
  });
});
