import type { ScreenSource } from "../ports/ScreenSource.js";
import { NutScreenSource } from "./NutScreenSource.js";
import { NodeScreenshotsSource } from "./NodeScreenshotsSource.js";
import { ScreenshotDesktopSource } from "./ScreenshotDesktopSource.js";
import { DeskPilotError } from "../errors/DeskPilotError.js";

/** Every supported screen source by name; the first is the default, chosen by `npm run bench:capture`. */
export const screenSources = {
  "nut-js": () => new NutScreenSource(),
  "node-screenshots": () => new NodeScreenshotsSource(),
  "screenshot-desktop": () => new ScreenshotDesktopSource(),
} as const satisfies Record<string, () => ScreenSource>;

export type ScreenSourceName = keyof typeof screenSources;
export const defaultScreenSource: ScreenSourceName = "nut-js";

export function createScreenSource(name: string = defaultScreenSource): ScreenSource {
  const make = (screenSources as Record<string, (() => ScreenSource) | undefined>)[name];
  if (!make) {
    throw new DeskPilotError("UNKNOWN_SOURCE", `Unknown screen source "${name}". Choose one of: ${Object.keys(screenSources).join(", ")}.`);
  }
  return make();
}
