import type { GenerateRequest, GenerateResult, VisionModel } from "../../agent/vision/VisionModel.js";

/** A vision model that answers one fixed text, reports the frame it was handed, and records what it was asked. */
export function fixedAnswerModel(text: string): VisionModel & { requests: GenerateRequest[] } {
  const requests: GenerateRequest[] = [];
  return {
    requests,
    async generate(r: GenerateRequest): Promise<GenerateResult> {
      requests.push(r);
      return {
        text,
        stopReason: "eog",
        promptTokens: 1,
        imageTokens: 1,
        generatedTokens: 1,
        frame: r.image ? { width: r.image.rgb.width, height: r.image.rgb.height } : null,
        timings: { prepareMs: 0, encodeMs: 0, prefillMs: 0, decodeMs: 0, totalMs: 1 },
      };
    },
    dispose: async () => {},
    [Symbol.asyncDispose]: async () => {},
  };
}
