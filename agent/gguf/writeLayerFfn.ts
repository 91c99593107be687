import { writeMoeFfn, type MoeFfnDims } from "./moeFfn.js";
import type { RandomTensors } from "./RandomTensors.js";

/**
 * One text layer's FFN tensors after its FFN norm: with `moe` the routed experts (and a shared
 * expert where there is one), otherwise the dense SwiGLU gate/up/down every Qwen text model has.
 */
export function writeLayerFfn(r: RandomTensors, block: string, embd: number, ff: number, moe?: MoeFfnDims): void {
  if (moe) {
    writeMoeFfn(r, block, embd, moe);
    return;
  }
  r.matrix(`${block}.ffn_gate.weight`, embd, ff);
  r.matrix(`${block}.ffn_up.weight`, embd, ff);
  r.matrix(`${block}.ffn_down.weight`, ff, embd);
}
