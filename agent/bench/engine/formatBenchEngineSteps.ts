import type { BenchEngineStepsReport } from "./benchEngineSteps.js";

/** Seconds per grounding step per image-token count, ours beside llama-mtmd-cli, with peak RSS. */
export function formatBenchEngineSteps(r: BenchEngineStepsReport): string {
  const s = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} s` : "n/a");
  const cpu = (v: number | undefined) => (v === undefined ? "n/a" : `${v.toFixed(1)} s`);
  const gib = (b: number | undefined) => (b === undefined ? "n/a" : `${(b / 2 ** 30).toFixed(2)} GiB`);
  const phases = (o: BenchEngineStepsReport["steps"][number]["ours"]) =>
    `${(o.encodeMs / 1000).toFixed(1)}/${(o.prefillMs / 1000).toFixed(1)}/${(o.decodeMs / 1000).toFixed(1)}`;
  const rows = r.steps.map((st) => [
    String(st.frame.tokens),
    `${st.frame.width}x${st.frame.height}`,
    s(st.ours.seconds),
    phases(st.ours),
    cpu(st.ours.cpuSeconds),
    s(st.theirs.seconds),
    cpu(st.theirs.cpuSeconds),
    `${st.ratio.toFixed(2)}x`,
    gib(st.ours.peakRssBytes),
    gib(st.theirs.peakRssBytes),
  ]);
  const head = ["image tokens", "frame", "ours", "encode/prefill/decode s", "ours CPU", "llama-mtmd-cli", "cli CPU", "ratio", "peak RSS ours", "peak RSS cli"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [
    `${r.model.preset ?? "given model"}: text ${r.model.textType}, mmproj ${r.model.mmprojType}; ${r.engine.threads} threads, ` +
      `ubatch ${r.engine.ubatch ?? "?"}, context ${r.engine.contextSize}, gpu layers ${r.engine.gpuLayers}; one cold step per engine and size, ` +
      `${r.steps[0]?.ours.generatedTokens ?? 0} generated tokens`,
    line(head),
    ...rows.map(line),
  ].join("\n");
}
