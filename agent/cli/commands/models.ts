import type { Command } from "commander";
import type { CliContext } from "../CliContext.js";
import { printJson } from "../CliContext.js";
import { UsageError } from "../../errors/UsageError.js";
import { DeskPilotError } from "../../errors/DeskPilotError.js";
import { formatProgress } from "../../models/formatProgress.js";
import { describeEvidence } from "../../models/describeEvidence.js";
import { LocalModelsApi } from "../../models/LocalModelsApi.js";
import type { ModelList } from "../../models/ModelsApi.js";
import { SettingsStore } from "../../settings/SettingsStore.js";
import { settingsPath } from "../../platform/userDirs.js";
import { unknownModelId } from "../unknownModelId.js";

interface Common {
  modelsDir?: string;
  json?: boolean;
}

/** `deskpilot models list|pull|verify|remove|path|use` (docs/design.md §9). */
export function registerModels(program: Command, ctx: CliContext): void {
  const models = program.command("models").description("List, download, check and remove vision models");
  // Relative paths on the command line start where the shell is, as everywhere else.
  const api = (o: Common) => new LocalModelsApi({ store: new SettingsStore(settingsPath()), modelsDir: o.modelsDir, relativeTo: process.cwd() });
  const common = (c: Command) =>
    c
      .option("--models-dir <dir>", "models folder (default: $DESKPILOT_MODELS_DIR, the setting, or the user data folder)")
      .option("--json", "print one JSON document on stdout");

  common(models.command("list").description("The catalog, what is downloaded, and what fits this machine")).action(async (o: Common) => {
    const list = await api(o).listModels();
    if (o.json) return printJson(ctx, list);
    ctx.out.write(describeList(list));
  });

  common(
    models
      .command("pull [id]")
      .description("Download a model (text GGUF + mmproj), resuming a partial download, and verify it; without ID, the one recommended for this machine"),
  )
    .option("--quant <name>", "quantisation (default: the model's default, Q4_K_M)")
    .action(async (given: string | undefined, o: Common & { quant?: string }) => {
      if (given) {
        const typo = unknownModelId(given);
        if (typo) throw typo;
      }
      let id = given;
      // The first-run path (README): the pulled model becomes the one that runs, unless the user chose one that is downloaded.
      const select =
        !given &&
        !(await api(o)
          .activeModel()
          .then(
            () => true,
            () => false,
          ));
      if (!id) {
        const best = (await api(o).listModels()).recommended;
        if (!best)
          throw new DeskPilotError(
            "NO_MODEL_FITS",
            "no catalog model fits this machine's free memory; free some memory, or use a remote endpoint (--endpoint)",
          );
        id = best.id;
        o.quant ??= best.quant;
        ctx.err.write(`pulling ${id} ${o.quant}: ${best.reason}\n`);
      }
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.once("SIGINT", onSigint);
      let last = "";
      try {
        const m = await api(o).pullModel(id, {
          quant: o.quant,
          signal: controller.signal,
          keepPartialOnCancel: true,
          onProgress: (p) => {
            const line = formatProgress(p);
            if (line === last) return;
            last = line;
            ctx.err.write((ctx.err as { isTTY?: boolean }).isTTY ? `\r${line}\x1b[K` : `${line}\n`);
          },
        });
        if ((ctx.err as { isTTY?: boolean }).isTTY) ctx.err.write("\n");
        const selected =
          select &&
          (await api(o)
            .useModel({ id: m.id, quant: m.quant })
            .then(
              () => true,
              () => false,
            ));
        if (o.json) printJson(ctx, { ...m, ...(select ? { selected } : {}) });
        else
          ctx.out.write(
            `${m.id} (${m.quant}) is ready:\n  model:  ${m.modelPath}\n  mmproj: ${m.mmprojPath}\n${selected ? `  selected: it is the model that runs now (\`deskpilot models use ID\` to change)\n` : ""}`,
          );
      } finally {
        process.off("SIGINT", onSigint);
      }
    });

  models
    .command("verify <file> [mmproj]")
    .description("Check a GGUF (or a text model + mmproj pair) the way the engine will")
    .option("--json", "print one JSON document on stdout")
    .action(async (file: string, mmproj: string | undefined, o: Common) => {
      const report = await api(o).verifyModelFiles(file, mmproj);
      const ok = report.files.every((f) => f.problems.length === 0) && !report.pairProblem;
      if (o.json) printJson(ctx, { ok, ...report });
      else {
        for (const f of report.files)
          ctx.out.write(
            `${f.path}: ${f.kind} (${f.architecture ?? "?"}${f.projector ? `, ${f.projector}` : ""}), ${(f.bytes / 1e6).toFixed(1)} MB, ${f.tensors} tensors${f.problems.length ? `\n  problem: ${f.problems.join("\n  problem: ")}` : ", ok"}\n`,
          );
        if (report.pairProblem) ctx.out.write(`pair: ${report.pairProblem}\n`);
      }
      if (!ok) throw new DeskPilotError("MODEL_FILE_INVALID", "the file(s) cannot be used; see the problems above");
    });

  common(models.command("remove <id>").description("Delete a downloaded model")).action(async (id: string, o: Common) => {
    const removed = await api(o).removeModel(id);
    if (o.json) return printJson(ctx, { id, removed });
    if (!removed) throw unknownModelId(id) ?? new DeskPilotError("MODEL_NOT_INSTALLED", `${id} is not downloaded in ${await api(o).modelsDir()}`);
    ctx.out.write(`removed ${id}\n`);
  });

  common(models.command("path [id]").description("Print the models folder, or a downloaded model's files")).action(
    async (id: string | undefined, o: Common) => {
      const a = api(o);
      const dir = await a.modelsDir();
      if (!id) return o.json ? printJson(ctx, { modelsDir: dir }) : void ctx.out.write(`${dir}\n`);
      const m = await a.installedModel(id);
      if (!m) throw unknownModelId(id) ?? new DeskPilotError("MODEL_NOT_INSTALLED", `${id} is not downloaded in ${dir}; run \`deskpilot models pull ${id}\``);
      if (o.json) printJson(ctx, { modelsDir: dir, model: m.modelPath, mmproj: m.mmprojPath });
      else ctx.out.write(`${m.modelPath}\n${m.mmprojPath}\n`);
    },
  );

  common(models.command("use [id]").description("Select the model the agent runs: a catalog id, or --model/--mmproj files you already have"))
    .option("--quant <name>", "quantisation of the catalog model")
    .option("--model <file>", "your own text GGUF (Qwen2.5-VL, Qwen3-VL or a model on them; its family is read from the mmproj)")
    .option("--mmproj <file>", "its vision projector GGUF")
    .action(async (id: string | undefined, o: Common & { quant?: string; model?: string; mmproj?: string }) => {
      if (!id && !(o.model && o.mmproj)) throw new UsageError("models use needs a catalog id, or --model FILE --mmproj FILE");
      if (id && (o.model || o.mmproj)) throw new UsageError("give a catalog id or --model/--mmproj, not both");
      const typo = id ? unknownModelId(id) : undefined;
      if (typo) throw typo;
      const settings = await api(o).useModel(id ? { id, quant: o.quant } : { model: o.model!, mmproj: o.mmproj! });
      if (o.json) printJson(ctx, settings.model);
      else
        ctx.out.write(
          settings.model.files
            ? `using ${settings.model.files.model}\n`
            : `using ${settings.model.id}${settings.model.quant ? ` (${settings.model.quant})` : ""}\n`,
        );
    });
}

function describeList(list: ModelList): string {
  const hw = list.hardware;
  const gpu = hw.gpu ? `${hw.gpu} ${hw.gpuNames.join(", ")}, ${(hw.vramFree / 1e9).toFixed(1)} GB free` : "no usable GPU (models run on the CPU)";
  const lines = [`models folder: ${list.modelsDir}`, `this machine: ${gpu}; ${(hw.ramFree / 1e9).toFixed(1)} GB RAM free`];
  for (const note of hw.gpuNotes) lines.push(`  ${hw.gpu ? "" : "why: "}${note}`);
  if (list.lastLoad) lines.push(`selected model, last loaded ${list.lastLoad.at.slice(0, 16).replace("T", " ")}: ${list.lastLoad.summary}`);
  if (list.recommended) lines.push(`recommended: ${list.recommended.id} ${list.recommended.quant} (${list.recommended.reason})`);
  const classic = list.recommendedQwen25Vl;
  if (classic && classic.id !== list.recommended?.id)
    lines.push(`Qwen2.5-VL pick: ${classic.id} ${classic.quant} (${classic.reason}): \`deskpilot models pull ${classic.id} --quant ${classic.quant}\``);
  lines.push("", "id               quant   size*    fits     state");
  for (const m of list.models) {
    for (const q of m.quants) {
      const size = `${((q.approxBytes + m.mmprojApproxBytes) / 1e9).toFixed(1)} GB${q.bytesFrom === "published" ? " " : "~"}`;
      const state = m.installed?.quant === q.name ? "downloaded" : "";
      const mark = m.selected && (m.installed ? m.installed.quant === q.name : q.name === m.defaultQuant) ? " (selected)" : "";
      lines.push(`${m.id.padEnd(16)} ${q.name.padEnd(7)} ${size.padStart(9)} ${q.fits.padEnd(8)} ${state}${mark}`);
    }
    for (const line of describeEvidence(m.evidence)) lines.push(`  ${line}`);
    lines.push(`  built by ${m.builtBy}; licence ${m.license}${m.notRunnable ? `; not runnable here: ${m.notRunnable}` : ""}`);
  }
  lines.push("", "* text model + mmproj as the catalog knows them (~: estimated); the pull takes names, sizes and hashes from the hub's listing.");
  return `${lines.join("\n")}\n`;
}
