import type { FrameAnswer, FrameAnswerer, FrameAnswerRequest } from "./FrameAnswerer.js";
import { boxCentre, imageToFrame } from "../geometry/frameMapping.js";
import type { Box } from "../geometry/shapes.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../frames/TokenBounds.js";

/** A known element: what a query names and where it is, in source-image pixels. */
export interface OracleTarget {
  readonly query: string;
  readonly box: Box;
  /** Which image it belongs to (a file's base name), when one oracle serves several. */
  readonly image?: string;
}

/**
 * The stated, honest test grounder: it does not look at pixels. It answers, in Qwen2.5-VL's JSON
 * (or, when the request uses the tool-call prompt, as a `left_click` tool call),
 * the frame pixels (rounded, as a model would) of the known element the query names, computed
 * from the element's box and the frame geometry. Everything after the answer — parsing, mapping,
 * zoom — is the real path. An element outside the frame's region gets an answer with no place.
 */
export class OracleAnswerer implements FrameAnswerer {
  readonly constrained = false;
  private image: string | undefined;

  constructor(
    private readonly targets: readonly OracleTarget[],
    readonly bounds: TokenBounds = DEFAULT_TOKEN_BOUNDS,
  ) {}

  /** Selects the targets of one image (for evaluation over a dataset). */
  forImage(name: string | undefined): this {
    this.image = name;
    return this;
  }

  async answer(request: FrameAnswerRequest): Promise<FrameAnswer> {
    const started = performance.now();
    const { query, mode, prompt } = request.task ?? { query: "", mode: "point" as const };
    const target = this.targets.find((t) => t.query === query && (t.image === undefined || this.image === undefined || t.image === this.image));
    if (!target) return { text: `I cannot find ${JSON.stringify(query)} on this screen.`, modelMs: performance.now() - started };
    const { frame, region } = request.prepared;
    const toFrame = (x: number, y: number) => imageToFrame({ x, y }, frame, region);
    const c = boxCentre(target.box);
    const inside = c.x >= region.x && c.x < region.x + region.width && c.y >= region.y && c.y < region.y + region.height;
    if (!inside) return { text: "The element is not in this part of the screen.", modelMs: performance.now() - started };
    const label = JSON.stringify(query);
    let text: string;
    if (mode === "box") {
      const a = toFrame(target.box[0], target.box[1]);
      const b = toFrame(target.box[2], target.box[3]);
      const clampX = (v: number) => Math.min(frame.width, Math.max(0, Math.round(v)));
      const clampY = (v: number) => Math.min(frame.height, Math.max(0, Math.round(v)));
      text = `{"bbox_2d": [${clampX(a.x)}, ${clampY(a.y)}, ${clampX(b.x)}, ${clampY(b.y)}], "label": ${label}}`;
    } else {
      const p = toFrame(c.x, c.y);
      text =
        prompt === "tool-call"
          ? `<tool_call>\n{"name": "computer_use", "arguments": {"action": "left_click", "coordinate": [${Math.round(p.x)}, ${Math.round(p.y)}]}}\n</tool_call>`
          : `{"point_2d": [${Math.round(p.x)}, ${Math.round(p.y)}], "label": ${label}}`;
    }
    request.onToken?.(text);
    return { text, modelMs: performance.now() - started };
  }

  async dispose(): Promise<void> {}
}
