import { formatEngineReport } from "../../vision/EngineReport.js";
import type { BenchEngineReport } from "./benchEngine.js";

/** The benchmark as a small table: phases of ours vs llama-mtmd-cli and the whole-request ratio. */
export function formatBenchEngine(r: BenchEngineReport): string {
  const mib = (v: number) => `${(v / 1024 ** 2).toFixed(1)} MiB`;
  const m = r.memory;
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : "n/a").padStart(10);
  return [
    `engine: ${formatEngineReport(r.placement)}`,
    `image frame ${r.frame.width}x${r.frame.height} (${r.frame.tokens} image tokens), ${r.ours.generatedTokens} generated tokens, median of ${r.runs} runs`,
    `phase                      ours ms  llama-mtmd-cli ms`,
    `encode (vision)         ${ms(r.ours.encodeMs)}  ${ms(r.theirs.encodeMs)}`,
    `prefill                 ${ms(r.ours.prefillMs)}         -`,
    `decode                  ${ms(r.ours.decodeMs)}         -`,
    `prefill+decode          ${ms(r.ours.textMs)}  ${ms(r.theirs.textMs)}`,
    `whole request (warm)    ${ms(r.ours.totalMs)}  ${ms(r.theirs.totalMs)}`,
    `engine memory (llama.cpp's reports): KV cache ${mib(m.kvCacheBytes)}, compute ${mib(m.computeBytes)} (text) + ${mib(m.visionComputeBytes)} (vision), output ${mib(m.outputBytes)}, weights ${mib(m.weightsBytes)}`,
    `ratio ours/theirs: ${r.ratio.toFixed(3)} (target ≤ 1.05); same output text: ${r.sameText ? "yes" : "no"}; llama-mtmd-cli load ${r.theirs.loadMs.toFixed(0)} ms (not counted)`,
  ].join("\n");
}
