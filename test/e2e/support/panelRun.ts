import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { readRunLog } from "../../../agent/runs/readRunLog.js";

/** A settings file in `dir` with a model "installed" (placeholder files), so the panel offers Run; a scripted decider stands in for it. */
export function writeScriptedModelSettings(dir: string): void {
  for (const f of ["model.gguf", "mmproj.gguf"]) writeFileSync(join(dir, f), "scripted");
  writeFileSync(
    join(dir, "settings.json"),
    JSON.stringify({ version: 3, model: { id: "qwen2.5-vl-3b", files: { model: join(dir, "model.gguf"), mmproj: join(dir, "mmproj.gguf") } } }),
  );
}

/** Running a task from the control panel's Task tab as a user does, and the run it leaves in `dir()/runs`. */
export function panelRuns(panel: () => Page, dir: () => string) {
  return {
    async startRun(task: string): Promise<void> {
      await panel().getByRole("tab", { name: "Task" }).click();
      await panel().getByRole("textbox", { name: "Task" }).fill(task);
      await panel().getByRole("button", { name: "Run" }).click();
    },
    finished: () =>
      panel()
        .getByRole("status", { name: "Run state" })
        .filter({ hasText: /^Finished/ }),
    lastRun() {
      const runs = join(dir(), "runs");
      return readRunLog(join(runs, readdirSync(runs).sort().at(-1)!));
    },
  };
}
