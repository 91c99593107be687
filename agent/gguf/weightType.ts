import { GgmlType } from "./GgmlType.js";

/** File-level weight type a generated model is written in. */
export type WeightType = "f16" | "q8_0";

/** `general.file_type` (llama_ftype) for a weight type. */
export function fileTypeOf(type: WeightType): number {
  return type === "q8_0" ? 7 : 1;
}

/** Tensor type for a 2-D weight of row width `ne0`: Q8_0 only where rows are whole blocks, as llama-quantize does. */
export function matrixType(type: WeightType, ne0: number): GgmlType {
  return type === "q8_0" && ne0 % 32 === 0 ? GgmlType.Q8_0 : GgmlType.F16;
}
