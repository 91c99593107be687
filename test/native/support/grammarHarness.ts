import type { AddonGrammarCheck, AddonVisionModel } from "../../../native/AddonTypes.js";
import { loadVisionAddon } from "../../../native/loadVisionAddon.js";
import { tinyModel } from "./tinyModel.js";

/**
 * llama.cpp's own grammar engine over known answers: the tiny model carries the real Qwen2
 * tokenizer (docs/design.md §6), so `check` sees exactly the tokens Qwen2.5-VL would have generated, and
 * tells whether our GBNF would have let each one through. The addon runs in this process (only
 * the vocabulary is used; no decoding), so no other llama.cpp addon may be loaded beside it.
 */
export class GrammarHarness {
  private constructor(private readonly model: AddonVisionModel) {}

  /** Loads the tiny model pair (text model, no warm-up) for its vocabulary. */
  static async open(): Promise<GrammarHarness> {
    const { addon } = loadVisionAddon();
    const model = new addon.VisionModel();
    const { model: modelPath, mmproj: mmprojPath } = tinyModel();
    await model.load({ modelPath, mmprojPath, gpuLayers: 0, contextSize: 256, batchSize: 32, warmup: false });
    return new GrammarHarness(model);
  }

  /** Feeds `text` to the grammar token by token (special-token parsing off). */
  check(grammar: string, text: string): Promise<AddonGrammarCheck> {
    return this.model.grammarAccepts(grammar, text);
  }

  dispose(): Promise<void> {
    return this.model.dispose();
  }
}

/** Where in `text` a check stopped: the character offset at which its first rejected token starts. */
export function rejectedOffset(check: AddonGrammarCheck): number | undefined {
  if (check.rejectedAt === undefined) return undefined;
  return check.tokens.slice(0, check.rejectedAt).join("").length;
}

/** One line for a failure message: accepted, or where and at which token the grammar stopped. */
export function describeCheck(check: AddonGrammarCheck): string {
  if (check.accepted) return "accepted";
  if (check.rejectedAt === undefined) return `every one of ${check.tokens.length} tokens accepted, but the grammar cannot end there`;
  const before = check.tokens.slice(Math.max(0, check.rejectedAt - 8), check.rejectedAt).join("");
  return `rejected at token ${check.rejectedAt} ${JSON.stringify(check.tokens[check.rejectedAt])} after …${JSON.stringify(before)}`;
}
