import { isProfileId } from "../profiles/profileRegistry.js";
import type { ProfileId } from "../profiles/ModelProfile.js";
import type { ModelCatalogEntry } from "./ModelCatalogEntry.js";
import { VISION_ARCHITECTURES } from "../vision/visionArchitectures.js";

/**
 * The text-model architectures (GGUF `general.architecture`) this build's engine verifies and
 * loads: the engine's own table, which agent/vision/validateModelFiles checks against. A catalog
 * model of another architecture is listed but never recommended, and not downloaded (the pull's
 * check would refuse it after the download).
 */
export const LOADABLE_ARCHITECTURES: readonly string[] = VISION_ARCHITECTURES.map((a) => a.text);

/** Why this build cannot run a catalog model (its profile or its architecture), or undefined when it can. */
export function whyNotRunnable(entry: Pick<ModelCatalogEntry, "profile" | "architecture">): string | undefined {
  if (!isProfileId(entry.profile)) return `it answers in the ${entry.profile} format, which this DeskPilot build has no profile for yet`;
  if (!LOADABLE_ARCHITECTURES.includes(entry.architecture))
    return `its text model's architecture is ${entry.architecture}, which this DeskPilot build's engine does not load yet`;
  return undefined;
}

/** The entry's profile when this build can run the entry. */
export function runnableProfile(entry: Pick<ModelCatalogEntry, "profile" | "architecture">): ProfileId | undefined {
  return whyNotRunnable(entry) === undefined && isProfileId(entry.profile) ? entry.profile : undefined;
}
