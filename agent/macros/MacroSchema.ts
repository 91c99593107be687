import { z } from "zod";
import { keyEnumName, splitChord } from "../actions/keyNames.js";

/** The macro file format's version this build writes and reads. */
export const MACRO_VERSION = 1;
export const MACRO_FORMAT = "deskpilot-macro";

/** Hostile-file limits: far above any recorded macro, far below what could hurt the player. */
export const MACRO_LIMITS = {
  fileBytes: 16 * 1024 * 1024,
  depth: 12,
  steps: 2000,
  cropBase64: 2 * 1024 * 1024,
  cropSide: 1024,
  text: 10_000,
  description: 500,
  variables: 100,
  coordinate: 100_000,
  waitMs: 600_000,
} as const;

const coord = z.number().finite().min(-MACRO_LIMITS.coordinate).max(MACRO_LIMITS.coordinate);
const PointSchema = z.object({ x: coord, y: coord }).strict();

/** The display a target was recorded on, global logical px (as agent/capture's Display). */
const DisplaySchema = z
  .object({
    id: z.string().max(100),
    x: coord,
    y: coord,
    width: z.number().int().positive().max(MACRO_LIMITS.coordinate),
    height: z.number().int().positive().max(MACRO_LIMITS.coordinate),
    scaleFactor: z.number().finite().min(0.25).max(8),
  })
  .strict();

/** The window under the target when recorded: its frame in global logical px, and its application. */
const WindowSchema = z
  .object({
    x: coord,
    y: coord,
    width: coord.nonnegative(),
    height: coord.nonnegative(),
    app: z.string().max(100).optional(),
    title: z.string().max(200).optional(),
  })
  .strict();

/** The element's picture around the point, at the display's native resolution. */
const CropSchema = z
  .object({
    png: z
      .string()
      .max(MACRO_LIMITS.cropBase64)
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, "must be base64"),
    width: z.number().int().positive().max(MACRO_LIMITS.cropSide),
    height: z.number().int().positive().max(MACRO_LIMITS.cropSide),
    /** Where the recorded point lies inside the crop, native px. */
    anchor: z.object({ x: z.number().finite().nonnegative(), y: z.number().finite().nonnegative() }).strict(),
  })
  .strict()
  .refine((c) => c.anchor.x <= c.width && c.anchor.y <= c.height, "the anchor must lie inside the crop");

/** Something a step acts on: where it was, what it looked like, what it is. */
export const TargetSchema = z
  .object({
    point: PointSchema,
    display: DisplaySchema,
    window: WindowSchema.optional(),
    description: z.string().max(MACRO_LIMITS.description).default(""),
    crop: CropSchema.optional(),
    /**
     * A wider picture around the point (the element's label and neighbours), native px: tells
     * apart places where `crop` matches equally, such as several blank fields alike.
     */
    context: CropSchema.optional(),
  })
  .strict()
  .refine(
    (t) => t.point.x >= t.display.x && t.point.x < t.display.x + t.display.width && t.point.y >= t.display.y && t.point.y < t.display.y + t.display.height,
    { message: "the point lies outside the display it was recorded on (out-of-screen coordinates)", path: ["point"] },
  );

const keyName = z
  .string()
  .min(1)
  .max(32)
  .refine((k) => splitChord([k]).every((p) => keyEnumName(p) !== undefined), "unknown key name");

const common = {
  /** Wait this long before the step (edited in, or the user's pause while recording). */
  waitBeforeMs: z.number().int().nonnegative().max(MACRO_LIMITS.waitMs).default(0),
  /** "changed": the step must visibly change the screen; "none": no check. */
  verify: z.enum(["changed", "none"]).optional(),
  note: z.string().max(MACRO_LIMITS.description).optional(),
};

/** One semantic step. The union is closed: a macro can only ever produce input actions. */
export const MacroStepSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("click"),
      button: z.enum(["left", "right", "middle"]).default("left"),
      count: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1),
      target: TargetSchema,
      ...common,
    })
    .strict(),
  z.object({ kind: z.literal("drag"), target: TargetSchema, to: TargetSchema, ...common }).strict(),
  z.object({ kind: z.literal("type"), text: z.string().max(MACRO_LIMITS.text), ...common }).strict(),
  z.object({ kind: z.literal("key"), keys: z.array(keyName).min(1).max(8), ...common }).strict(),
  z
    .object({
      kind: z.literal("scroll"),
      target: TargetSchema,
      pixels: z.number().finite().min(-100_000).max(100_000),
      axis: z.literal("horizontal").optional(),
      ...common,
    })
    .strict(),
  z.object({ kind: z.literal("wait"), ms: z.number().int().nonnegative().max(MACRO_LIMITS.waitMs), ...common }).strict(),
]);

const VariableSchema = z
  .object({ default: z.string().max(MACRO_LIMITS.text).optional(), description: z.string().max(MACRO_LIMITS.description).optional() })
  .strict();

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const MacroSchema = z
  .object({
    format: z.literal(MACRO_FORMAT),
    version: z.literal(MACRO_VERSION),
    name: z.string().max(200).default("macro"),
    createdAt: z.string().max(64).optional(),
    variables: z
      .record(z.string().regex(VARIABLE_NAME, "variable names are letters, digits and _"), VariableSchema)
      .refine((v) => Object.keys(v).length <= MACRO_LIMITS.variables, `at most ${MACRO_LIMITS.variables} variables`)
      .default({}),
    steps: z.array(MacroStepSchema).max(MACRO_LIMITS.steps),
  })
  .strict();

export type Macro = z.infer<typeof MacroSchema>;
export type MacroStep = z.infer<typeof MacroStepSchema>;
export type MacroTarget = z.infer<typeof TargetSchema>;
export type MacroCrop = NonNullable<MacroTarget["crop"]>;
