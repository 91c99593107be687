import sharp from "sharp";
import type { Capture } from "../../../../agent/ports/Capture.js";
import type { Display } from "../../../../agent/geometry/Display.js";

/** A form of labelled, blank, identical text fields, as the expense-claim form had. */
export interface Form {
  /** Top-left of the first field, logical px. */
  readonly x: number;
  readonly y: number;
  readonly labels: readonly string[];
  /** Distance between fields' tops, logical px. */
  readonly spacing?: number;
}

export const FIELD = { width: 300, height: 34 };
export const W = 1000;
export const H = 700;
export const DISPLAY: Display = { id: "0", name: "form", x: 0, y: 0, width: W, height: H, scaleFactor: 1, primary: true };

/** The centre of field `i`, logical px. */
export function fieldCentre(form: Form, i: number): { x: number; y: number } {
  return { x: form.x + FIELD.width / 2, y: form.y + i * (form.spacing ?? 80) + FIELD.height / 2 };
}

/** Renders the form (labels above fields) and `markers` small squares (to make the screen change) as a capture. */
export async function renderForm(form: Form, markers = 0): Promise<Capture> {
  const spacing = form.spacing ?? 80;
  const fields = form.labels
    .map((label, i) => {
      const y = form.y + i * spacing;
      return (
        `<text x="${form.x}" y="${y - 8}" font-family="DejaVu Sans" font-size="16" fill="#1f2937">${label}</text>` +
        `<rect x="${form.x + 0.5}" y="${y + 0.5}" width="${FIELD.width - 1}" height="${FIELD.height - 1}" rx="4" fill="#ffffff" stroke="#9ca3af"/>`
      );
    })
    .join("");
  const marks = Array.from({ length: markers }, (_, j) => `<rect x="${900}" y="${40 + j * 30}" width="20" height="20" fill="#15803d"/>`).join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}"><rect width="100%" height="100%" fill="#f3f4f6"/>${fields}${marks}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { display: DISPLAY, width: info.width, height: info.height, channels: 4, data, ms: 0, source: "form" };
}
