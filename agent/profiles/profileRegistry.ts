import { UsageError } from "../errors/UsageError.js";
import { PROFILE_IDS, type ModelProfile, type ProfileId } from "./ModelProfile.js";
import { guiOwl15Profile } from "./guiOwl15Profile.js";
import { maiUiProfile } from "./maiUiProfile.js";
import { qwenProfile } from "./qwenProfile.js";
import { qwen3VlProfile } from "./qwen3VlProfile.js";
import { uiTarsProfile } from "./uiTarsProfile.js";

const PROFILES: Readonly<Record<ProfileId, ModelProfile>> = {
  "qwen2.5-vl": qwenProfile,
  "ui-tars-1.5": uiTarsProfile,
  "qwen3-vl": qwen3VlProfile,
  "gui-owl-1.5": guiOwl15Profile,
  "mai-ui": maiUiProfile,
};

/** The profile for files the user names without one, and for endpoints not told otherwise. */
export const DEFAULT_PROFILE_ID: ProfileId = "qwen2.5-vl";

/** The profile with this id (default: Qwen2.5-VL's). */
export function getProfile(id: ProfileId = DEFAULT_PROFILE_ID): ModelProfile {
  return PROFILES[id];
}

/** Whether `id` names a known profile. */
export function isProfileId(id: string): id is ProfileId {
  return (PROFILE_IDS as readonly string[]).includes(id);
}

/** The profile id a flag or setting names; an unknown one is a usage error listing the known ones. */
export function parseProfileId(text: string, what = "--profile"): ProfileId {
  const id = text.trim().toLowerCase();
  if (isProfileId(id)) return id;
  throw new UsageError(`${what} ${JSON.stringify(text)} is not a known model profile; the known ones are ${PROFILE_IDS.join(", ")}`);
}
