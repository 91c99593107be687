import type { TokenBounds } from "../frames/TokenBounds.js";
import { SafetyPolicySchema, type SafetyPolicy } from "../policy/SafetyPolicy.js";
import type { Settings } from "./settingsSchema.js";

/** What a run takes from the user's settings. */
export interface RunSettings {
  readonly policy: SafetyPolicy;
  readonly bounds: TokenBounds;
  readonly dryRun: boolean;
}

/**
 * The run options the settings file decides: "ask before risky actions" switches the safety
 * policy's checks, the allow-list becomes its allowed apps, the image-token bounds size the frames.
 */
export function runOptionsFromSettings(settings: Settings): RunSettings {
  return {
    policy: SafetyPolicySchema.parse({ enabled: settings.policy.confirmRisky, allowedApps: settings.policy.allowApps }),
    bounds: { minImageTokens: settings.imageTokens.min, maxImageTokens: settings.imageTokens.max },
    dryRun: settings.policy.dryRun,
  };
}
