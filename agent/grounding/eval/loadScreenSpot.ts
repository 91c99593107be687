import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { z } from "zod";
import { UsageError } from "../../errors/UsageError.js";
import type { Box } from "../../geometry/shapes.js";

/** One evaluation item: an image, an instruction, and the target box (x1,y1,x2,y2 image pixels). */
export interface EvalRecord {
  readonly image: string;
  /** The image's name as the dataset wrote it. */
  readonly imageName: string;
  readonly instruction: string;
  readonly box: Box;
  /** Grouping keys present in the dataset: platform, type (text/icon), group (ScreenSpot-Pro). */
  readonly groups: Readonly<Record<string, string>>;
}

const quad = z.tuple([z.number(), z.number(), z.number(), z.number()]);
/** ScreenSpot (v1/v2: bbox x,y,w,h) and ScreenSpot-Pro (bbox x1,y1,x2,y2, img_size, ui_type, group) records. */
const recordSchema = z.object({
  img_filename: z.string().optional(),
  image: z.string().optional(),
  instruction: z.string(),
  bbox: quad,
  data_type: z.string().optional(),
  data_source: z.string().optional(),
  ui_type: z.string().optional(),
  group: z.string().optional(),
  platform: z.string().optional(),
  application: z.string().optional(),
  img_size: z.tuple([z.number(), z.number()]).optional(),
});
type RawRecord = z.infer<typeof recordSchema>;

/**
 * Reads a ScreenSpot-format dataset: a JSON (or JSONL) file, or a folder of them (ScreenSpot's
 * screenspot_*.json beside screenspot_imgs/, ScreenSpot-Pro's annotations/ beside images/).
 * `bboxFormat` overrides the layout's own box convention.
 */
export function loadScreenSpot(path: string, bboxFormat?: "xyxy" | "xywh"): EvalRecord[] {
  const root = resolve(path);
  if (!existsSync(root)) throw new UsageError(`dataset ${path} does not exist`);
  const files = statSync(root).isDirectory() ? jsonFilesIn(existsSync(join(root, "annotations")) ? join(root, "annotations") : root) : [root];
  if (files.length === 0) throw new UsageError(`no .json or .jsonl annotation files in ${path}`);
  return files.flatMap((file) => readRecords(file).map((r, i) => toRecord(r, file, i, bboxFormat)));
}

function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.jsonl?$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

function readRecords(file: string): RawRecord[] {
  const text = readFileSync(file, "utf8");
  const values: unknown[] = file.endsWith(".jsonl")
    ? text
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l))
    : [JSON.parse(text)].flat();
  return values.map((v, i) => {
    const r = recordSchema.safeParse(v);
    if (!r.success)
      throw new UsageError(`${file} record ${i}: not a ScreenSpot record (${r.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")})`);
    return r.data;
  });
}

function toRecord(r: RawRecord, file: string, index: number, bboxFormat?: "xyxy" | "xywh"): EvalRecord {
  const name = r.img_filename ?? r.image;
  if (!name) throw new UsageError(`${file} record ${index}: no img_filename`);
  const pro = r.img_size !== undefined || r.ui_type !== undefined || r.group !== undefined;
  const [a, b, c, d] = r.bbox;
  const format = bboxFormat ?? (pro || r.image !== undefined ? "xyxy" : "xywh");
  const box: Box = format === "xywh" ? [a, b, a + c, b + d] : [a, b, c, d];
  const groups: Record<string, string> = {};
  const platform = r.platform ?? r.data_source ?? platformFromFile(file);
  if (platform) groups["platform"] = platform;
  const type = r.ui_type ?? r.data_type;
  if (type) groups["type"] = type;
  if (r.group) groups["group"] = r.group;
  return { image: findImage(file, name), imageName: name, instruction: r.instruction, box, groups };
}

/** screenspot_mobile.json → mobile */
function platformFromFile(file: string): string | undefined {
  return /^screenspot_(\w+)\.json$/.exec(basename(file))?.[1];
}

function findImage(file: string, name: string): string {
  const dir = dirname(file);
  const candidates = [dir, join(dir, "images"), join(dir, "screenspot_imgs"), join(dir, "..", "images"), join(dir, "..", "screenspot_imgs")].map((d) =>
    join(d, name),
  );
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new UsageError(`image ${name} of ${file} not found (looked in ${candidates.map((p) => dirname(p)).join(", ")})`);
  return found;
}
