import assert from "node:assert/strict";
import { findCandidates } from "../../agent/profiles/qwen25vl/parseGroundingAnswer.js";
import type { CliResult } from "./cli.js";

interface Size {
  readonly width: number;
  readonly height: number;
}

/**
 * The tiny model's weights are random, and since issue 12 the grammar no longer bounds numbers
 * digit by digit, so where its grammar-shaped answer lands is not the test's to choose: in or
 * near the frame it is mapped (clamped onto an edge), far outside it is refused with
 * GROUNDING_OUT_OF_FRAME. Returns the result, or undefined after checking that a refusal names
 * the frame and that the refused answer still names a place.
 */
export async function groundedOrRefused<T>(work: Promise<T>, frame: Size): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    const e = error as { code?: string; message: string; raw?: string };
    assert.equal(e.code, "GROUNDING_OUT_OF_FRAME", e.message);
    assert.match(e.message, new RegExp(`outside (?:its|the) ${frame.width}x${frame.height} frame`));
    assert.ok(e.raw !== undefined && findCandidates(e.raw).length > 0, `the refused answer is grammar-shaped: ${e.raw}`);
    return undefined;
  }
}

/** The same for `deskpilot ground --json`: its document, or undefined after checking the refusal (exit 1, the frame on stderr). */
export function cliGroundedOrRefused<T>(r: Pick<CliResult, "code" | "stdout" | "stderr">, frame?: Size): T | undefined {
  if (r.code === 0) return JSON.parse(r.stdout) as T;
  assert.equal(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`outside (?:its|the) ${frame ? `${frame.width}x${frame.height}` : "\\d+x\\d+"} frame`));
  return undefined;
}
