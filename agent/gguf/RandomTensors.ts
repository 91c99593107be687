import type { GgufWriter } from "./GgufWriter.js";
import { GgmlType } from "./GgmlType.js";
import { constantTensorData, randomTensorData } from "./randomTensorData.js";
import { matrixType, type WeightType } from "./weightType.js";

/**
 * Adds random-weight tensors to a GGUF writer, each from its own seed so no two tensors are equal
 * and the same seed gives the same file. Shared by every architecture the generator writes.
 */
export class RandomTensors {
  constructor(
    private readonly writer: GgufWriter,
    private readonly type: WeightType,
    private seed: number,
  ) {}

  /** A 2-D weight `ne0`×`ne1` (ggml order), scaled 1/√ne0 so activations stay near unit size. */
  matrix(name: string, ne0: number, ne1: number): void {
    const type = matrixType(this.type, ne0);
    this.writer.addTensor(name, [ne0, ne1], type, randomTensorData(type, ne0 * ne1, 1 / Math.sqrt(ne0), this.seed++));
  }

  /** `n` stacked `ne0`×`ne1` weights in one 3-D tensor (a MoE layer's experts), scaled as `matrix`. */
  experts(name: string, ne0: number, ne1: number, n: number): void {
    const type = matrixType(this.type, ne0);
    this.writer.addTensor(name, [ne0, ne1, n], type, randomTensorData(type, ne0 * ne1 * n, 1 / Math.sqrt(ne0), this.seed++));
  }

  /** An F32 vector of small random values (biases). */
  bias(name: string, n: number, scale = 0.02): void {
    this.writer.addTensor(name, [n], GgmlType.F32, randomTensorData(GgmlType.F32, n, scale, this.seed++));
  }

  /** An F32 vector of ones (norm weights). */
  ones(name: string, n: number): void {
    this.writer.addTensor(name, [n], GgmlType.F32, constantTensorData(GgmlType.F32, n, 1));
  }

  /** An F32 vector of one value (a fixed decay, where a random sign would make the state grow). */
  constant(name: string, n: number, value: number): void {
    this.writer.addTensor(name, [n], GgmlType.F32, constantTensorData(GgmlType.F32, n, value));
  }

  /** An F16 tensor of any shape (convolution kernels stay F16 in every file type). */
  f16(name: string, dims: readonly number[], scale: number): void {
    const elements = dims.reduce((a, b) => a * b, 1);
    this.writer.addTensor(name, dims, GgmlType.F16, randomTensorData(GgmlType.F16, elements, scale, this.seed++));
  }

  /** An F32 tensor of any shape, random in ±scale (learned position embeddings). */
  f32(name: string, dims: readonly number[], scale: number): void {
    const elements = dims.reduce((a, b) => a * b, 1);
    this.writer.addTensor(name, dims, GgmlType.F32, randomTensorData(GgmlType.F32, elements, scale, this.seed++));
  }
}
