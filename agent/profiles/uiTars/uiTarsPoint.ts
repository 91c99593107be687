import { InvalidActionError } from "../../errors/InvalidActionError.js";
import type { Box, Pt } from "../../geometry/shapes.js";

/**
 * The point a UI-TARS box argument names, in the model's own space. Every form real answers use
 * comes down to its numbers: `(x,y)`, `<|box_start|>(x,y)<|box_end|>`, `<point>x y</point>`,
 * `<bbox>x1 y1 x2 y2</bbox>`, `[x1, y1, x2, y2]`, `(x1,y1),(x2,y2)`, `(x1,y1)<|box_end|>(x2,y2)`:
 * two numbers are the point, four a box whose centre is the point.
 */
export function uiTarsPoint(value: string, what: string): { point: Pt; box?: Box } {
  const numbers = (value.replace(/<\|box_(?:start|end)\|>/g, " ").match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length === 2) return { point: { x: numbers[0]!, y: numbers[1]! } };
  if (numbers.length === 4) {
    const [a, b, c, d] = numbers as [number, number, number, number];
    const box: Box = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
    return { point: { x: (box[0] + box[2]) / 2, y: (box[1] + box[3]) / 2 }, box };
  }
  throw new InvalidActionError(`${what}=${JSON.stringify(value)} is not a point (x,y) or a box (x1,y1,x2,y2)`);
}
