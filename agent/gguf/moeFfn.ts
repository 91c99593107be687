import type { GgufWriter } from "./GgufWriter.js";
import { GgufValueType as T } from "./GgufValueType.js";
import type { RandomTensors } from "./RandomTensors.js";
import type { MoeDims } from "./qwen3vlPresets.js";

/** A MoE FFN's shape, with the optional shared expert (Qwen3.5 MoE) beside the routed ones. */
export type MoeFfnDims = MoeDims & { readonly sharedFf?: number };

/** The expert keys llama.cpp reads for a MoE text model (src/llama-arch.cpp: `%s.expert_*`). */
export function addMoeKeys(w: GgufWriter, arch: string, moe: MoeFfnDims): GgufWriter {
  w.add(`${arch}.expert_count`, T.UINT32, moe.experts)
    .add(`${arch}.expert_used_count`, T.UINT32, moe.expertsUsed)
    .add(`${arch}.expert_feed_forward_length`, T.UINT32, moe.expertFf);
  if (moe.sharedFf !== undefined) w.add(`${arch}.expert_shared_feed_forward_length`, T.UINT32, moe.sharedFf);
  return w;
}

/**
 * One layer's MoE FFN tensors, named as llama.cpp's Qwen3 MoE loaders create them
 * (src/models/qwen3vlmoe.cpp, qwen35moe.cpp): the router, then gate/up/down for every expert
 * stacked in one 3-D tensor each, and for a shared expert its own FFN and its 1-wide gate.
 */
export function writeMoeFfn(r: RandomTensors, block: string, embd: number, moe: MoeFfnDims): void {
  r.matrix(`${block}.ffn_gate_inp.weight`, embd, moe.experts);
  r.experts(`${block}.ffn_gate_exps.weight`, embd, moe.expertFf, moe.experts);
  r.experts(`${block}.ffn_up_exps.weight`, embd, moe.expertFf, moe.experts);
  r.experts(`${block}.ffn_down_exps.weight`, moe.expertFf, embd, moe.experts);
  if (moe.sharedFf === undefined) return;
  r.bias(`${block}.ffn_gate_inp_shexp.weight`, embd, 1 / Math.sqrt(embd));
  r.matrix(`${block}.ffn_gate_shexp.weight`, embd, moe.sharedFf);
  r.matrix(`${block}.ffn_up_shexp.weight`, embd, moe.sharedFf);
  r.matrix(`${block}.ffn_down_shexp.weight`, moe.sharedFf, embd);
}
