import { z } from "zod";

/** The safety policy (docs/design.md §8): on by default; each check can be turned off, words and apps configured. */
export const SafetyPolicySchema = z.object({
  enabled: z.boolean().default(true),
  /** Confirm typing into what looks like a password field. */
  passwordFields: z.boolean().default(true),
  /** Confirm delete/close/quit key combinations, and Delete and Insert in any chord (destructiveKeys.ts). */
  destructiveKeys: z.boolean().default(true),
  /** Confirm clicks and key presses on a target whose text holds one of these words. */
  riskyWords: z.array(z.string().min(1)).default(["delete", "send", "pay", "purchase", "buy", "remove", "transfer"]),
  /**
   * When non-empty, actions in any other application need confirmation; empty limits no
   * application (the other checks still ask in every app). Matched case-insensitively against the app name.
   */
  allowedApps: z.array(z.string().min(1)).default([]),
  /** Confirm typing text that looks like an instruction injected through the screen. */
  injection: z.boolean().default(true),
});

export type SafetyPolicy = z.infer<typeof SafetyPolicySchema>;

/** The default policy: every check on, no allow-list (so no application is off limits). */
export const defaultSafetyPolicy: SafetyPolicy = SafetyPolicySchema.parse({});
