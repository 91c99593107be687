import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ControlServer } from "../../../agent/server/ControlServer.js";
import { LocalService } from "../../../agent/service/LocalService.js";
import type { ServiceEventOf } from "../../../agent/service/ServiceEvents.js";
import { LocalModelsApi } from "../../../agent/models/LocalModelsApi.js";
import { modelProgressEvent } from "../../../agent/models/modelProgressEvent.js";
import type { HardwareInfo } from "../../../agent/platform/HardwareInfo.js";
import { SettingsStore } from "../../../agent/settings/SettingsStore.js";
import { FakeScreenSource } from "../../support/FakeScreenSource.js";
import { FakeInputDriver } from "../../support/FakeInputDriver.js";
import { dualHidpi } from "../../support/displayLayouts.js";
import { repoRoot } from "../../support/repoRoot.js";
import { missingBinaries } from "../../support/prerequisites.js";
import { FakeHub } from "../../support/fakeHub.js";

const CHROMIUM = "/usr/bin/chromium";
const panelDir = join(repoRoot, "dist", "renderer");

/** Why the panel cannot be driven here, or undefined. */
export const panelMissing =
  missingBinaries(CHROMIUM) ?? (existsSync(join(panelDir, "index.html")) ? undefined : "the control panel is not built (run `npm run build:renderer`)");

/** Where screenshots go (gitignored); one set is copied to docs/ by hand. */
export const screenshotDir = join(repoRoot, ".deskpilot-test", "screenshots");

/** A laptop with a 6 GB GPU: the catalog shows every kind of fit. */
export const LAPTOP_GPU: HardwareInfo = {
  gpu: "cuda",
  gpuNames: ["NVIDIA GeForce RTX 3060 Laptop GPU"],
  vramTotal: 6.4e9,
  vramFree: 5.9e9,
  unifiedMemory: false,
  gpuNotes: [],
  ramTotal: 32e9,
  ramFree: 21e9,
};

/**
 * The real panel served by ControlServer over a LocalService whose models and settings slice is
 * the real LocalModelsApi, on temp folders, downloading from a FakeHub on loopback.
 */
export class ModelsPanelRig {
  readonly home = mkdtempSync(join(tmpdir(), "deskpilot-panel-"));
  readonly modelsDir = join(this.home, "models");
  readonly settingsFile = join(this.home, "settings.json");
  readonly hub = new FakeHub();
  readonly consoleErrors: string[] = [];
  /** Every model-progress event the service sent, in order. */
  readonly progress: ServiceEventOf<"model-progress">[] = [];
  service!: LocalService;
  server!: ControlServer;
  browser!: Browser;
  page!: Page;
  url!: string;

  async start(): Promise<void> {
    await this.hub.start();
    const api = new LocalModelsApi({
      store: new SettingsStore(this.settingsFile),
      modelsDir: this.modelsDir,
      env: { HF_ENDPOINT: this.hub.url },
      detect: async () => LAPTOP_GPU,
      emitProgress: (p) => {
        const event = modelProgressEvent(p);
        this.progress.push(event);
        service.emit(event);
      },
    });
    const service = new LocalService(new FakeScreenSource(dualHidpi), new FakeInputDriver(), { models: api });
    this.service = service;
    this.server = new ControlServer({ service, panelDir });
    this.url = await this.server.listen();
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--test-type", "--disable-background-networking"] });
    this.page = await this.browser.newPage({ viewport: { width: 1100, height: 900 } });
    this.page.on("console", (m) => m.type() === "error" && this.consoleErrors.push(m.text()));
    mkdirSync(screenshotDir, { recursive: true });
  }

  /** Opens the panel on one screen's tab. */
  async open(tab: "Models" | "Settings"): Promise<void> {
    await this.page.goto(this.url);
    await this.page.getByRole("tab", { name: tab }).click();
  }

  async screenshot(name: string): Promise<string> {
    const path = join(screenshotDir, name);
    await this.page.screenshot({ path, fullPage: true });
    return path;
  }

  async close(): Promise<void> {
    await this.browser?.close();
    await this.server?.close();
    await this.hub.close();
    rmSync(this.home, { recursive: true, force: true });
  }
}
