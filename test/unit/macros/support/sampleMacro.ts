import { MACRO_FORMAT, MACRO_VERSION } from "../../../../agent/macros/MacroSchema.js";

/** A 1×1 white PNG, base64. */
export const TINY_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC";

export const display = { id: "0", x: 0, y: 0, width: 1280, height: 800, scaleFactor: 1 };

export const target = (x: number, y: number, description = "the Save button") => ({
  point: { x, y },
  display,
  description,
  crop: { png: TINY_PNG, width: 1, height: 1, anchor: { x: 0, y: 0 } },
});

/** A valid macro as plain JSON, for tests to break. */
export function sampleMacro(): Record<string, unknown> & { steps: Record<string, unknown>[] } {
  return {
    format: MACRO_FORMAT,
    version: MACRO_VERSION,
    name: "fill the form",
    variables: { name: { default: "Ada" }, city: {} },
    steps: [
      { kind: "click", target: target(300, 200, "the Name field") },
      { kind: "type", text: "Hello {{name}} from {{ city }}!" },
      { kind: "key", keys: ["ctrl", "a"] },
      { kind: "scroll", target: target(640, 400, "the list"), pixels: -300 },
      { kind: "drag", target: target(100, 100), to: target(400, 300, "the bin") },
      { kind: "wait", ms: 250 },
      { kind: "click", button: "right", target: target(500, 500, "row {{name}}") },
    ],
  };
}
