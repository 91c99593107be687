import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { listInstalledModels } from "../../agent/models/listInstalledModels.js";
import { skipUnlessAvailable } from "../support/prerequisites.js";
import { tinyPair } from "../support/tinyPair.js";
import { ModelsPanelRig, panelMissing } from "./support/modelsPanelRig.js";

const REPO_3B = "ggml-org/Qwen2.5-VL-3B-Instruct-GGUF";
const REPO_7B = "ggml-org/Qwen2.5-VL-7B-Instruct-GGUF";
const TITLE_3B = "Qwen2.5-VL 3B Instruct";
const TITLE_7B = "Qwen2.5-VL 7B Instruct";

// The Models screen as a new user meets it: nothing installed, one button, a live download from
// a hub (a local one serving the tiny generated model under the catalog's file names).
describe("the Models screen, against the real models slice and a local model hub", { skip: skipUnlessAvailable(panelMissing), timeout: 180_000 }, () => {
  const rig = new ModelsPanelRig();
  const card = (id: string) => rig.page.getByTestId(`model-${id}`);

  before(async () => {
    const { model, mmproj } = tinyPair();
    rig.hub.add(REPO_3B, "Qwen2.5-VL-3B-Instruct-Q4_K_M.gguf", model);
    rig.hub.add(REPO_3B, "mmproj-Qwen2.5-VL-3B-Instruct-f16.gguf", mmproj);
    rig.hub.add(REPO_7B, "Qwen2.5-VL-7B-Instruct-Q4_K_M.gguf", model);
    rig.hub.add(REPO_7B, "mmproj-Qwen2.5-VL-7B-Instruct-f16.gguf", mmproj);
    await rig.start();
  });
  after(() => rig.close());

  test("with nothing installed, the screen says so and offers the default model with its size", async () => {
    await rig.open("Models");
    const empty = rig.page.getByRole("region", { name: "No model yet" });
    await empty.waitFor();
    // 3.09 B parameters at Q4_K_M (≈1.9 GB) plus the f16 projector (≈1.35 GB), from the catalog.
    assert.match(await empty.innerText(), /No model yet: download Qwen2\.5-VL 3B Instruct, 3\.2 GB/);
    assert.match(await rig.page.getByLabel("Hardware").innerText(), /GPU: CUDA \(NVIDIA GeForce RTX 3060 Laptop GPU\).*5\.9 GB of 6\.4 GB VRAM free/);
    assert.match(await card("qwen2.5-vl-72b").innerText(), /does not fit/);
  });

  test('with nothing installed, someone who has GGUF files finds "use these files" next to the download, above the catalog', async () => {
    const empty = rig.page.getByRole("region", { name: "No model yet" });
    await empty.getByRole("button", { name: "I already have GGUF files" }).click();
    const form = rig.page.getByRole("region", { name: "Use these files" });
    assert.equal(await form.getByLabel("Text model (.gguf)").evaluate((el) => el === document.activeElement), true, "the form's first field has the focus");
    const formTop = (await form.boundingBox())!.y;
    assert.ok(formTop < (await card("qwen2.5-vl-3b").boundingBox())!.y, "the form comes before the first catalog card");
    assert.ok(formTop > (await empty.boundingBox())!.y, "right after the no-model state");
    assert.match(await form.innerText(), /~ is your home folder, and a relative path such as models\/qwen\.gguf starts there too/);
    await rig.screenshot("panel-models-first-run.png");
  });

  test("each card shows the published evidence: score, who reported it, its source, and whether anyone re-ran it", async () => {
    const owl = await card("gui-owl-1.5-4b").getByRole("list", { name: "Published results" }).innerText();
    assert.match(owl, /ScreenSpot-Pro: 66\.8 reported by Tongyi Lab \/ X-PLUG \(authors\) \(source: https:\/\/arxiv\.org\/abs\/2602\.16855/);
    assert.match(owl, /reproduced: 66\.2 by ClawGUI-Eval \(ZJU-REAL\) \(source: https:\/\/github\.com\/ZJU-REAL\/ClawGUI\//);
    assert.match(owl, /OSWorld: 48\.2 reported by .*OSWorld-Verified.*not independently reproduced/);
    assert.match(await card("gui-owl-1.5-4b").innerText(), /Built by mradermacher \(community conversion of mPLUG\/GUI-Owl-1\.5-4B-Instruct\); licence mit/);
    assert.match(await card("qwen2.5-vl-3b").innerText(), /no number from the authors found; reproduced: 15\.6 by ClawGUI-Eval/);
    assert.match(await card("qwen2.5-vl-72b").innerText(), /ScreenSpot-Pro: no published result found/);
    // Sizes the hub published are shown as they are, estimates with ≈, pinned hashes said.
    assert.match(await card("qwen3-vl-4b").innerText(), /Q4_K_M\s+3\.0 GB \(hash pinned\)/);
    assert.match(await card("qwen3-vl-4b").innerText(), /Q8_0\s+≈ 4\.7 GB/);
  });

  test("a cancelled download leaves no model and no partial file", async () => {
    rig.hub.throttle(1e6);
    await rig.page.getByRole("button", { name: `Download ${TITLE_3B} (3.2 GB)` }).click();
    const bar = rig.page.getByRole("progressbar", { name: `Downloading ${TITLE_3B}` });
    await rig.page.waitForFunction(() => Number(document.querySelector("progress")?.getAttribute("value") ?? 0) > 0);
    await card("qwen2.5-vl-3b").getByRole("button", { name: "Cancel download" }).click();
    await card("qwen2.5-vl-3b").getByRole("status").filter({ hasText: "Download cancelled" }).waitFor();
    assert.equal(await bar.count(), 0);
    assert.deepEqual(await listInstalledModels(rig.modelsDir), []);
    const left = readdirSync(join(rig.modelsDir, "qwen2.5-vl-3b"));
    assert.deepEqual(
      left.filter((f) => f.endsWith(".ipull") || f === "deskpilot-model.json"),
      [],
    );
    await rig.page.getByRole("region", { name: "No model yet" }).waitFor();
  });

  test("a download shows live progress, then the model is installed, verified and in use", async () => {
    rig.hub.throttle(6e6);
    await rig.page.getByRole("button", { name: `Download ${TITLE_3B} (3.2 GB)` }).click();
    const seen: { value: number; max: number; detail: string }[] = [];
    const installed = card("qwen2.5-vl-3b").getByText("installed Q4_K_M");
    let shot = false;
    while ((await installed.count()) === 0) {
      const now = await rig.page.evaluate(() => {
        const bar = document.querySelector<HTMLProgressElement>('progress[aria-label^="Downloading"]');
        return bar && { value: bar.value, max: bar.max, detail: document.querySelector(".download-detail")?.textContent ?? "" };
      });
      if (now && now.value > 0) seen.push(now);
      if (!shot && now && now.value > now.max * 0.4 && now.value < now.max * 0.8) {
        shot = true;
        await rig.screenshot("panel-models-downloading.png");
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    const total = tinyPair().model.length + tinyPair().mmproj.length;
    const partial = seen.filter((s) => s.value < s.max);
    assert.ok(partial.length >= 2, `intermediate progress was shown: ${JSON.stringify(seen.slice(0, 5))}`);
    assert.equal(partial[0]!.max, total, "the bar's total is both files' real size");
    assert.ok(
      partial.some((s) => /MB\/s/.test(s.detail) && / left/.test(s.detail)),
      `speed and time left were shown: ${partial.map((s) => s.detail).join(" | ")}`,
    );
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]!.value >= seen[i - 1]!.value, "progress never goes back");
    await card("qwen2.5-vl-3b").getByText("in use", { exact: true }).waitFor();
    await card("qwen2.5-vl-3b").getByRole("status").filter({ hasText: "Downloaded and verified Q4_K_M" }).waitFor();
    assert.equal(await rig.page.getByRole("region", { name: "No model yet" }).count(), 0);
    const [model] = await listInstalledModels(rig.modelsDir);
    assert.equal(model?.id, "qwen2.5-vl-3b");
    // The service said which phase each report belongs to: checking, bytes, then the check, then done.
    const phases = rig.progress.filter((e) => e.modelId === "qwen2.5-vl-3b").map((e) => e.phase);
    const order = phases.filter((p, i) => p !== phases[i - 1]);
    assert.deepEqual(order.slice(-4), ["checking", "downloading", "verifying", "done"], `phases of the last pull: ${order.join(", ")}`);
    await rig.screenshot("panel-models.png");
  });

  test("the bar says what the service is doing: bytes while they arrive, then verifying, from the event's phase", async () => {
    // A pull another client started (so only its events reach this panel), reported step by step.
    const id = "ui-tars-1.5-7b";
    const send = (phase: "checking" | "downloading" | "verifying" | "done", received: number, total: number) =>
      rig.service.emit({ type: "model-progress", modelId: id, phase, receivedBytes: received, totalBytes: total });
    const detail = card(id).locator(".download-detail");
    const cancel = card(id).getByRole("button", { name: "Cancel download" });
    send("checking", 0, 0);
    await detail.filter({ hasText: "Asking the hub for the files" }).waitFor();
    send("downloading", 3e6, 8e6);
    await detail.filter({ hasText: "3.0 MB of 8.0 MB" }).waitFor();
    // Every byte is in, but the files are not checked yet: still the download, not "verifying".
    send("downloading", 8e6, 8e6);
    await detail.filter({ hasText: "8.0 MB of 8.0 MB" }).waitFor();
    assert.doesNotMatch(await detail.innerText(), /Verifying/);
    assert.equal(await cancel.isEnabled(), true, "the download can still be cancelled");
    send("verifying", 8e6, 8e6);
    await detail.filter({ hasText: "Verifying the files" }).waitFor();
    assert.equal(await cancel.isDisabled(), true, "cancelling now would delete a finished download");
    send("done", 8e6, 8e6);
    await detail.filter({ hasText: "Verified" }).waitFor();
    // Its bar goes soon after `done` (the pull was not this panel's, so no answer will come here).
    await card(id).getByRole("progressbar").waitFor({ state: "detached", timeout: 10_000 });
  });

  test("another installed model can be selected, and the choice is saved in the settings file", async () => {
    rig.hub.throttle(Infinity);
    await card("qwen2.5-vl-7b")
      .getByRole("button", { name: `Download ${TITLE_7B} Q4_K_M (6.0 GB)` })
      .click();
    await card("qwen2.5-vl-7b").getByText("installed Q4_K_M").waitFor();
    await card("qwen2.5-vl-7b")
      .getByRole("button", { name: `Use ${TITLE_7B}` })
      .click();
    await card("qwen2.5-vl-7b").getByText("in use", { exact: true }).waitFor();
    assert.equal(await card("qwen2.5-vl-3b").getByText("in use", { exact: true }).count(), 0);
    assert.equal(JSON.parse(readFileSync(rig.settingsFile, "utf8")).model.id, "qwen2.5-vl-7b");
    // And back: the 3B, still installed, is offered for use.
    await card("qwen2.5-vl-3b")
      .getByRole("button", { name: `Use ${TITLE_3B}` })
      .click();
    await card("qwen2.5-vl-3b").getByText("in use", { exact: true }).waitFor();
  });

  test("remove deletes a model's files", async () => {
    await card("qwen2.5-vl-7b")
      .getByRole("button", { name: `Remove ${TITLE_7B}` })
      .click();
    await card("qwen2.5-vl-7b").getByRole("status").filter({ hasText: "Removed" }).waitFor();
    assert.deepEqual(
      (await listInstalledModels(rig.modelsDir)).map((m) => m.id),
      ["qwen2.5-vl-3b"],
    );
  });

  test("a download keeps its bar across a page reload, and ends installed", async () => {
    rig.hub.throttle(4e6);
    await card("qwen2.5-vl-7b")
      .getByRole("button", { name: `Download ${TITLE_7B} Q4_K_M (6.0 GB)` })
      .click();
    await rig.page.waitForFunction(() => Number(document.querySelector("progress")?.getAttribute("value") ?? 0) > 0);
    await rig.page.reload();
    await rig.page.getByRole("tab", { name: "Models" }).click();
    // The reloaded page did not start the pull: the service's progress events bring its bar back.
    await card("qwen2.5-vl-7b")
      .getByRole("progressbar", { name: `Downloading ${TITLE_7B}` })
      .waitFor();
    await card("qwen2.5-vl-7b").getByText("installed Q4_K_M").waitFor({ timeout: 30_000 });
    assert.equal(await card("qwen2.5-vl-7b").getByRole("progressbar").count(), 0);
    rig.hub.throttle(Infinity);
  });

  test("a download the hub cannot serve shows the service's error with what to do", async () => {
    await card("qwen2.5-vl-32b")
      .getByRole("button", { name: /^Download Qwen2\.5-VL 32B Instruct Q4_K_M/ })
      .click();
    const error = card("qwen2.5-vl-32b").getByRole("alert");
    await error.waitFor();
    // The hub has no such repository: said before any download, naming it, with what to do.
    assert.match(
      await error.innerText(),
      /HUB_REPO_NOT_FOUND.*has no repository ggml-org\/Qwen2\.5-VL-32B-Instruct-GGUF.*nothing was downloaded.*download the files yourself/s,
    );
    assert.equal(await card("qwen2.5-vl-32b").getByText("installed", { exact: false }).count(), 0);
  });

  test("use these files: a wrong pair is refused with what to do, a right one is used", async () => {
    const [installed] = await listInstalledModels(rig.modelsDir);
    const form = rig.page.getByRole("region", { name: "Use these files" });
    await form.getByLabel("Text model (.gguf)").fill(installed!.mmprojPath);
    await form.getByLabel("mmproj (.gguf)").fill(installed!.modelPath);
    await form.getByRole("button", { name: "Verify and use" }).click();
    const refused = form.getByRole("alert");
    await refused.waitFor();
    assert.match(await refused.innerText(), /is a vision projector \(mmproj\), not a text model: pass it as the mmproj/);
    // Typed as a user would: `~/…`, and a path relative to the home folder (the server's own
    // working folder is elsewhere). The service saves them as the absolute paths they mean.
    const savedHome = process.env["HOME"];
    process.env["HOME"] = rig.modelsDir; // the serving process's home, as os.homedir() reads it
    try {
      await form.getByLabel("Text model (.gguf)").fill(`~/${relative(rig.modelsDir, installed!.modelPath)}`);
      await form.getByLabel("mmproj (.gguf)").fill(relative(rig.modelsDir, installed!.mmprojPath));
      await form.getByRole("button", { name: "Verify and use" }).click();
      await rig.page.getByText("In use: your own files").waitFor();
    } finally {
      if (savedHome === undefined) delete process.env["HOME"];
      else process.env["HOME"] = savedHome;
    }
    const files = JSON.parse(readFileSync(rig.settingsFile, "utf8")).model.files;
    assert.deepEqual(files, { model: installed!.modelPath, mmproj: installed!.mmprojPath });
    assert.deepEqual(rig.consoleErrors, []);
  });
});
