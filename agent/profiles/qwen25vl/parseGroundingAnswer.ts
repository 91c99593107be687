import { z } from "zod";
import { GroundingAnswerError } from "../errors/GroundingAnswerError.js";
import { nearFrame } from "../../geometry/clampToFrame.js";
import { findJsonValues } from "../../grammar/findJsonValues.js";
import type { FrameSize } from "../../geometry/frameMapping.js";
import type { GroundCandidate } from "../GroundCandidate.js";
import type { Box } from "../../geometry/shapes.js";

const num = z.number().finite();
/**
 * Coordinates as Qwen2.5-VL writes them: numbers, numbers as strings (`["394", "105"]`), or one
 * string holding them all (`["243, 291"]`) — all three seen in the Qwen team's own outputs.
 */
const numbers = (schema: z.ZodType) =>
  z.preprocess((v) => {
    if (!Array.isArray(v)) return v;
    const parts: unknown[] = v.length === 1 && typeof v[0] === "string" ? v[0].split(/[\s,]+/).filter(Boolean) : v;
    return parts.map((p) => (typeof p === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(p) ? Number(p) : p));
  }, schema);
const pair = numbers(z.tuple([num, num])) as z.ZodType<[number, number]>;
const quad = numbers(z.tuple([num, num, num, num])) as z.ZodType<[number, number, number, number]>;
/** One element as Qwen2.5-VL writes it, with the key spellings other models use. */
const elementSchema = z.object({
  bbox_2d: quad.optional(),
  bbox: quad.optional(),
  box: quad.optional(),
  point_2d: pair.optional(),
  point: pair.optional(),
  coordinate: pair.optional(),
  label: z.string().optional(),
  name: z.string().optional(),
  text: z.string().optional(),
});

/** Candidates in model-frame pixels: the best match for the query first, then the others. */
export interface ParsedAnswer {
  readonly best: GroundCandidate;
  readonly others: readonly GroundCandidate[];
}

const N = String.raw`(-?\d+(?:\.\d+)?)`;
const PAIR = String.raw`\(\s*${N}\s*,\s*${N}\s*\)`;
/** UI-TARS: `<|box_start|>(x,y)<|box_end|>` or `<|box_start|>(x1,y1),(x2,y2)<|box_end|>`. */
const BOX_TOKENS = new RegExp(String.raw`<\|box_start\|>\s*${PAIR}(?:\s*,?\s*${PAIR})?\s*<\|box_end\|>`, "g");
/** UI-TARS-1.5 actions and prose: `(x1,y1,x2,y2)` or `(x,y)`. */
const TUPLE = new RegExp(String.raw`\(\s*${N}\s*,\s*${N}\s*(?:,\s*${N}\s*,\s*${N}\s*)?\)`, "g");

/**
 * Reads a grounding answer: Qwen2.5-VL JSON (bare, fenced, in prose, one object or a list) or XML points, or
 * UI-TARS's `(x,y)` / `<|box_start|>` forms. Coordinates are model-frame pixels; answers with no
 * place, or with every place far outside `frame` (clampToFrame), are a GroundingAnswerError keeping the raw text.
 */
export function parseGroundingAnswer(raw: string, frame: FrameSize, query = ""): ParsedAnswer {
  const found = findCandidates(raw);
  if (found.length === 0) {
    throw new GroundingAnswerError(
      "GROUNDING_UNPARSEABLE",
      `the model's answer names no point or box: ${clip(raw)}. Rephrase the query or try a grounding model (Qwen2.5-VL, UI-TARS-1.5).`,
      raw,
    );
  }
  const inside = found.filter((c) => inFrame(c, frame));
  if (inside.length === 0) {
    throw new GroundingAnswerError(
      "GROUNDING_OUT_OF_FRAME",
      `the model answered outside its ${frame.width}x${frame.height} frame: ${clip(raw)}. A model that answers 0–1000 coordinates (Qwen2-VL, UI-TARS-1.0) is not supported, and a remote server must not resize the image itself.`,
      raw,
    );
  }
  const ranked = inside.map((c, i) => ({ c, i, score: matchScore(c.label, query) })).sort((a, b) => b.score - a.score || a.i - b.i);
  return { best: ranked[0]!.c, others: ranked.slice(1).map((r) => r.c) };
}

/** Every point or box the text names, in the order written; no bounds check, no ranking. */
export function findCandidates(raw: string): GroundCandidate[] {
  const found = [...fromBoxTokens(raw), ...fromXmlPoints(raw), ...fromJson(raw)];
  if (found.length === 0) found.push(...fromBoxLines(raw));
  if (found.length === 0) found.push(...fromTuples(raw.replace(BOX_TOKENS, "")));
  return found;
}

/** Whether a candidate lies inside the frame or overshoots it by no more than clampToFrame clamps. */
export function inFrame(c: GroundCandidate, f: FrameSize): boolean {
  const corners = c.box
    ? [
        { x: c.box[0], y: c.box[1] },
        { x: c.box[2], y: c.box[3] },
      ]
    : [c.point];
  return corners.every((p) => nearFrame(p, f));
}

function fromJson(raw: string): GroundCandidate[] {
  const out: GroundCandidate[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v) && (v.length === 2 || v.length === 4) && v.every((n) => typeof n === "number")) {
      out.push(candidate(v, ""));
    } else if (Array.isArray(v)) {
      v.forEach(visit);
    } else if (v && typeof v === "object") {
      const e = elementSchema.safeParse(v);
      if (!e.success) return;
      const coords = e.data.bbox_2d ?? e.data.bbox ?? e.data.box ?? e.data.point_2d ?? e.data.point ?? e.data.coordinate;
      if (coords) out.push(candidate(coords, e.data.label ?? e.data.name ?? e.data.text ?? ""));
      else Object.values(v).forEach(visit); // e.g. {"arguments": {"coordinate": [x, y]}}
    }
  };
  findJsonValues(raw).forEach(visit);
  return out;
}

/** Qwen2.5-VL's XML pointing: `<points x1="120" y1="45" x2="…" y2="…" alt="Save">Save</points>`. */
function fromXmlPoints(raw: string): GroundCandidate[] {
  return [...raw.matchAll(/<points\b([^>]*)>([^<]*)<\/points>/g)].flatMap((m) => {
    const attrs = Object.fromEntries([...m[1]!.matchAll(/(\w+)\s*=\s*"([^"]*)"/g)].map((a) => [a[1]!, a[2]!]));
    const label = (attrs["alt"] ?? m[2] ?? "").trim();
    return Object.keys(attrs)
      .filter((k) => /^x\d*$/.test(k) && attrs[`y${k.slice(1)}`] !== undefined)
      .map((k) => candidate([Number(attrs[k]), Number(attrs[`y${k.slice(1)}`])], label))
      .filter((c) => Number.isFinite(c.point.x) && Number.isFinite(c.point.y));
  });
}

function fromBoxTokens(raw: string): GroundCandidate[] {
  return [...raw.matchAll(BOX_TOKENS)].map((m) =>
    candidate(
      m
        .slice(1)
        .filter((s) => s !== undefined)
        .map(Number),
      "",
    ),
  );
}

/** Plain-text boxes, one `x1,y1,x2,y2 label` line each (what Qwen2.5-VL writes when a prompt asks for that form). */
function fromBoxLines(raw: string): GroundCandidate[] {
  return [...raw.matchAll(/^[ \t]*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)[ \t]+(\S[^\n]*)$/gm)].map((m) =>
    candidate(m.slice(1, 5).map(Number), m[5]!.trim()),
  );
}

function fromTuples(raw: string): GroundCandidate[] {
  return [...raw.matchAll(TUPLE)].map((m) =>
    candidate(
      m
        .slice(1)
        .filter((s) => s !== undefined)
        .map(Number),
      "",
    ),
  );
}

/** Two numbers are a point; four a box (corners sorted), pointing at its centre. */
function candidate(coords: readonly number[], label: string): GroundCandidate {
  if (coords.length === 2) return { point: { x: coords[0]!, y: coords[1]! }, label };
  const [a, b, c, d] = coords as [number, number, number, number];
  const box: Box = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
  return { point: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 }, box, label };
}

/** How many of the query's words the label shares. */
function matchScore(label: string, query: string): number {
  const words = (s: string) => new Set(s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
  const l = words(label);
  return [...words(query)].filter((w) => l.has(w)).length;
}

function clip(raw: string): string {
  const t = raw.trim();
  return t.length === 0 ? "(empty answer)" : JSON.stringify(t.length > 200 ? `${t.slice(0, 200)}…` : t);
}
