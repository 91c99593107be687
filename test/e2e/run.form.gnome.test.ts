/// <reference lib="dom" />
import { describe, test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deskpilot } from "../support/cli.js";
import { missingBinaries, skipUnlessAvailable } from "../support/prerequisites.js";
import { openWaylandPlayground, type Playground } from "./support/playground.js";
import { startGnome, type GnomeServer } from "./support/gnome.js";
import { formTask, formPage } from "./support/formTask.js";
import { loadPipewireAddon } from "../../native/loadPipewireAddon.js";

const addon = loadPipewireAddon();
const skip = skipUnlessAvailable(
  missingBinaries(
    "mutter",
    "dbus-daemon",
    "pipewire",
    "wireplumber",
    "pw-dump",
    "pw-cli",
    "chromium",
    "/usr/libexec/xdg-desktop-portal",
    "/usr/libexec/xdg-desktop-portal-gnome",
  ) ?? (typeof addon === "string" ? addon : undefined),
);

const run = (cmd: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) => execFile(cmd, args, { env }, (e, out) => (e ? reject(e) : resolve(out))));

/** The PipeWire nodes that cast a screen: mutter's video output streams, the consent user's own and each portal session's. */
async function screenCastNodes(env: NodeJS.ProcessEnv): Promise<number[]> {
  const objects = JSON.parse(await run("pw-dump", [], env)) as { id: number; type: string; info?: { props?: Record<string, unknown> } }[];
  return objects.filter((o) => o.type === "PipeWire:Interface:Node" && o.info?.props?.["media.class"] === "Stream/Output/Video").map((o) => o.id);
}

// The X11 and sway form task (e2e/run.form, run.form.wayland) on GNOME: the page is a native
// Wayland client, DeskPilot sees it through the ScreenCast portal and fills it through the
// RemoteDesktop portal, after the desktop's consent dialog (which the test's "user" answers).
describe("deskpilot run: a scripted model fills the two-page form on GNOME (mutter) through the portals", { skip }, () => {
  let gnome: GnomeServer;
  let page: Playground;
  let tmp: string;
  const task = formTask(
    () => page,
    () => tmp,
    "See you at 10:30 {ok} — Zürich",
  );
  const { answers, writeAnswers, runArgs, events } = task;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "deskpilot-run-gnome-"));
    gnome = await startGnome(1280, 800, { xwayland: true });
    page = await openWaylandPlayground(gnome.env);
    assert.deepEqual(await task.measure(), { width: 1280, height: 800 }, "the page fills the monitor");
  });

  after(async () => {
    await page?.close();
    await gnome?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  test("the task completes across both pages after one consent, and the run says how to stop it on GNOME", async () => {
    await page.page.goto(formPage("form1.html"));
    const consents = gnome.consents();
    const r = await deskpilot(runArgs(writeAnswers(answers()), "--json"), gnome.env);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout) as { status: string; steps: number };
    assert.deepEqual([result.status, result.steps], ["success", 10]);
    const submitted = await page.page.evaluate(() => (window as unknown as { __submitted?: unknown }).__submitted);
    assert.deepEqual(submitted, { name: "Ada Lovelace", email: "ada@example.com", agree: true, comment: task.comment });
    assert.equal(gnome.consents() - consents, 1, "one dialog for capture and input together");
    // no global stop key is claimed (a hook under XWayland would hear X11 windows only), and the replacements are named
    assert.doesNotMatch(r.stderr, /press .* anywhere/);
    assert.match(
      r.stderr,
      /stop with Ctrl\+C here, or a key bound in your desktop to stop runs and replays \(GNOME: Settings › Keyboard › Custom Shortcuts, command pkill -INT -f/,
    );
  });

  test("a share that ends mid-run (its screen cast gone, as when the desktop's indicator stops it) ends the run before its next input", async () => {
    await page.page.goto(formPage("form1.html"));
    const before = new Set(await screenCastNodes(gnome.env));
    const { exited } = await task.startRunToStop(gnome.env);
    assert.equal(await page.page.inputValue("#name"), "Ada Lovelace", "the steps before the wait ran");
    const runs = (await screenCastNodes(gnome.env)).filter((id) => !before.has(id));
    assert.equal(runs.length, 1, "the run's portal session casts one monitor");
    const endedAt = Date.now();
    await run("pw-cli", ["destroy", String(runs[0])], gnome.env);
    const r = await exited;
    assert.deepEqual([r.code, r.signal], [1, null], `${r.stdout}\n${r.stderr}`);
    assert.match(`${r.stdout}\n${r.stderr}`, /the desktop stopped sharing the screen/);
    await new Promise((res) => setTimeout(res, 500));
    assert.deepEqual(
      (await events()).filter((e) => e.t >= endedAt),
      [],
      "no input after the share ended",
    );
    assert.equal(await page.page.inputValue("#email"), "");
  });
});
