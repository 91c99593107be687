import { z } from "zod";
import { settingsSchema, type Settings } from "./settingsSchema.js";

/** What repairing a settings document changed, one line per problem (path: what was wrong). */
export interface RepairResult {
  readonly settings: Settings;
  readonly issues: string[];
}

/**
 * Validates a parsed settings document field by field: valid values are kept, an invalid or
 * unknown one is replaced by its default (or dropped) and reported. Never throws.
 */
export function repairSettings(input: unknown): RepairResult {
  const issues: string[] = [];
  const repaired = repair(settingsSchema, input, "", issues);
  const final = settingsSchema.safeParse(repaired);
  if (final.success) return { settings: final.data, issues };
  // A rule across fields failed after the per-field pass: fall back to the defaults for it.
  issues.push(...final.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}; reset to default`));
  return { settings: settingsSchema.parse({}), issues };
}

function repair(schema: z.ZodType, value: unknown, path: string, issues: string[]): unknown {
  const inner = schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema;
  if (value === undefined) return fallback(schema);
  if (inner instanceof z.ZodObject && isPlainObject(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const v = repair(field, value[key], join(path, key), issues);
      if (v !== undefined) out[key] = v;
    }
    for (const key of Object.keys(value)) {
      if (!(key in shape)) issues.push(`${join(path, key)}: unknown setting, removed`);
    }
    const whole = inner.safeParse(out);
    if (whole.success) return whole.data;
    // A rule across fields names the field it is about: that field alone goes back to its default.
    const without = withoutPaths(
      out,
      whole.error.issues.map((i) => i.path),
    );
    const retried = without && inner.safeParse(without);
    if (retried?.success) {
      for (const i of whole.error.issues) issues.push(`${join(path, i.path.join("."))}: ${i.message}; reset to default`);
      return retried.data;
    }
    issues.push(`${path || "(file)"}: ${whole.error.issues[0]?.message ?? "invalid"}; reset to default`);
    return fallback(schema);
  }
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const f = fallback(schema);
  issues.push(
    `${path || "(file)"}: ${JSON.stringify(value)} is not valid (${r.error.issues[0]?.message ?? "invalid"}); ${f === undefined ? "removed" : `reset to ${JSON.stringify(f)}`}`,
  );
  return f;
}

/** A copy of `value` with the value at each path removed (so its default applies), or undefined when a path names nothing. */
function withoutPaths(value: Record<string, unknown>, paths: readonly PropertyKey[][]): Record<string, unknown> | undefined {
  if (paths.length === 0) return undefined;
  const copy = structuredClone(value);
  for (const p of paths) {
    let at: unknown = copy;
    for (const key of p.slice(0, -1)) at = isPlainObject(at) ? at[String(key)] : undefined;
    const last = p.at(-1);
    if (!isPlainObject(at) || last === undefined || !(String(last) in at)) return undefined;
    delete at[String(last)];
  }
  return copy;
}

function fallback(schema: z.ZodType): unknown {
  const r = schema.safeParse(undefined);
  return r.success ? r.data : undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
