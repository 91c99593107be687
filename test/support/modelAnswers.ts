import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/** The corpus folder, from this file compiled at dist/test/support/: the JSON stays in the source tree. */
export const MODEL_ANSWERS_DIR = fileURLToPath(new URL("../../../test/fixtures/model-answers/", import.meta.url));

const pair = z.tuple([z.number(), z.number()]);
const quad = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/** Where a file's answers come from: one repository file or one issue thread. */
export const ModelAnswerSourceSchema = z
  .strictObject({
    kind: z.enum(["repository", "issue"]),
    repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/),
    path: z.string().min(1).optional(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/)
      .optional(),
    thread: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+#\d+$/)
      .optional(),
    url: z.url(),
    what: z.string().min(1),
  })
  .refine((s) => (s.kind === "issue" ? s.thread !== undefined : s.path !== undefined), {
    message: "an issue source names its thread, a repository source its path",
  });

/** What the source itself says an answer means, in the model's own coordinate space. */
const MeaningSchema = z
  .strictObject({
    action: z.string().min(1).optional(),
    point: pair.optional(),
    endPoint: pair.optional(),
    points: z.array(pair).min(1).optional(),
    box: quad.optional(),
    boxes: z.array(quad).min(1).optional(),
    labels: z.array(z.string()).optional(),
    text: z.string().optional(),
    keys: z.array(z.string()).min(1).optional(),
    direction: z.enum(["up", "down", "left", "right"]).optional(),
    pixels: z.number().optional(),
  })
  .refine((m) => Object.keys(m).length > 0, { message: "an expected meaning states at least one field" });

/** An answer that no parser should turn into an action, and why. */
const RefusalSchema = z.strictObject({ refuse: z.string().min(1) });

export const MODEL_PROFILES = [
  "qwen2.5-vl",
  "ui-tars-1.5",
  "ui-tars-1.0",
  "qwen3-vl",
  "gui-owl",
  "gui-owl-1.5",
  "mai-ui",
  "ui-tars-doubao-1.5",
  "qwen2-vl",
] as const;
export const ANSWER_TASKS = ["grounding-box", "grounding-point", "computer-use"] as const;

export const ModelAnswerEntrySchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  model: z.string().min(1),
  profile: z.enum(MODEL_PROFILES),
  task: z.enum(ANSWER_TASKS),
  frame: z.strictObject({ width: z.number().int().positive(), height: z.number().int().positive() }).nullable(),
  coordinateSpace: z.enum(["frame-pixels", "relative-1000", "relative-999"]),
  instruction: z.string().min(1),
  answer: z.string().min(1),
  expected: z.union([RefusalSchema, MeaningSchema]),
  where: z.string().min(1),
  note: z.string().min(1).optional(),
});

/** One corpus file: a source and the answers taken from it. */
export const ModelAnswerFileSchema = z.strictObject({
  source: ModelAnswerSourceSchema,
  answers: z.array(ModelAnswerEntrySchema).min(1),
});

export type ModelAnswerSource = z.infer<typeof ModelAnswerSourceSchema>;
export type ModelAnswerEntry = z.infer<typeof ModelAnswerEntrySchema>;

/** One real answer with the source it was taken from and the corpus file that holds it. */
export type ModelAnswer = ModelAnswerEntry & { source: ModelAnswerSource; file: string };

/** The corpus files' names, sorted. */
export function modelAnswerFiles(dir: string = MODEL_ANSWERS_DIR): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort();
}

/** Reads and validates one corpus file; a bad file fails with its name and the schema's complaint. */
export function loadModelAnswerFile(name: string, dir: string = MODEL_ANSWERS_DIR): ModelAnswer[] {
  const raw: unknown = JSON.parse(readFileSync(join(dir, name), "utf8"));
  const parsed = ModelAnswerFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} does not match the model-answer schema: ${z.prettifyError(parsed.error)}`);
  return parsed.data.answers.map((answer) => ({ ...answer, source: parsed.data.source, file: name }));
}

/** Every answer in the corpus, each with its source attached. */
export function loadModelAnswers(dir: string = MODEL_ANSWERS_DIR): ModelAnswer[] {
  return modelAnswerFiles(dir).flatMap((name) => loadModelAnswerFile(name, dir));
}

/** The key that names a source independently of how many files quote it: the thread, else the repository. */
export function sourceKey(source: ModelAnswerSource): string {
  return source.thread ?? source.repo;
}
