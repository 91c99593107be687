import sharp from "sharp";
import type { Capture } from "../../../../agent/ports/Capture.js";
import type { Display } from "../../../../agent/geometry/Display.js";
import type { MacroCrop } from "../../../../agent/macros/MacroSchema.js";

export interface SceneButton {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly fill?: string;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly background?: string;
  readonly buttons: readonly SceneButton[];
  /** Display scale factor: the scene is drawn at width×scale native px. */
  readonly scale?: number;
}

export const BUTTON = { width: 120, height: 36 };

/** Renders a page of labelled buttons (logical px) as a native-resolution capture of a display at the origin. */
export async function renderScene(scene: Scene): Promise<Capture> {
  const s = scene.scale ?? 1;
  const buttons = scene.buttons
    .map(
      (b) =>
        `<rect x="${b.x}" y="${b.y}" width="${BUTTON.width}" height="${BUTTON.height}" rx="6" fill="${b.fill ?? "#3366cc"}"/>` +
        `<text x="${b.x + BUTTON.width / 2}" y="${b.y + 24}" font-family="DejaVu Sans" font-size="16" fill="#ffffff" text-anchor="middle">${b.label}</text>`,
    )
    .join("");
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${scene.width}" height="${scene.height}"><rect width="100%" height="100%" fill="${scene.background ?? "#f4f4f4"}"/>` +
    `<text x="20" y="30" font-family="DejaVu Sans" font-size="14" fill="#333">Settings · Account · Billing</text>${buttons}</svg>`;
  const { data, info } = await sharp(Buffer.from(svg), { density: 72 * s })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const display: Display = { id: "0", name: "scene", x: 0, y: 0, width: scene.width, height: scene.height, scaleFactor: s, primary: true };
  return { display, width: info.width, height: info.height, channels: 4, data, ms: 0, source: "scene" };
}

/** Crops `half` logical px around a logical point, as the recorder stores it. */
export async function cropAround(capture: Capture, point: { x: number; y: number }, half = { x: 70, y: 30 }): Promise<MacroCrop> {
  const s = capture.display.scaleFactor;
  const left = Math.max(0, Math.round((point.x - half.x) * s));
  const top = Math.max(0, Math.round((point.y - half.y) * s));
  const width = Math.min(capture.width - left, Math.round(half.x * 2 * s));
  const height = Math.min(capture.height - top, Math.round(half.y * 2 * s));
  const png = await sharp(capture.data, { raw: { width: capture.width, height: capture.height, channels: 4 } })
    .extract({ left, top, width, height })
    .png()
    .toBuffer();
  return { png: png.toString("base64"), width, height, anchor: { x: point.x * s - left, y: point.y * s - top } };
}
