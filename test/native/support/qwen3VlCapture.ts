import { getProfile } from "../../../agent/profiles/profileRegistry.js";
import type { HostedVisionModel } from "../../../agent/vision/HostedVisionModel.js";
import { prepareFrame } from "../../../agent/frames/prepareFrame.js";
import type { GenerateResult } from "../../../agent/vision/VisionModel.js";
import type { PreparedFrame } from "../../../agent/frames/PreparedFrame.js";
import { syntheticScreenshot } from "../../../agent/bench/engine/syntheticScreenshot.js";

/**
 * A synthetic 1920x1080 capture prepared on Qwen3-VL's 32-px grid (1024…4096 tokens), and the
 * answer `model` gives it under the Qwen3-VL family's computer-use grammar: what the tiny
 * Qwen3-VL-grid pairs (dense, Qwen3.5, MoE) are each checked with.
 */
export async function answerQwen3VlCapture(model: HostedVisionModel): Promise<{ image: PreparedFrame; result: GenerateResult }> {
  const image = await prepareFrame(
    { data: syntheticScreenshot(1920, 1080), width: 1920, height: 1080, channels: 3 },
    { minImageTokens: 1024, maxImageTokens: 4096, factor: 32 },
  );
  const result = await model.generate({
    image,
    messages: [{ role: "user", content: "Open the File menu. Answer with one tool call." }],
    grammar: getProfile("qwen3-vl").computerUse.grammar(image.frame, "relative-1000"),
    maxTokens: 160,
  });
  return { image, result };
}
