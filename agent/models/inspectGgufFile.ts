import { statSync } from "node:fs";
import { readGguf } from "../gguf/readGguf.js";
import { truncatedTensor } from "../gguf/truncatedTensor.js";
import { architectureOfProjector, architectureOfText, describeArchitectures } from "../vision/visionArchitectures.js";

/** What one GGUF file is, and whether DeskPilot can use it. */
export interface GgufFileReport {
  readonly path: string;
  readonly bytes: number;
  /** text: a text model DeskPilot runs (qwen2vl, qwen3vl); mmproj: a projector made for one; other: anything else. */
  readonly kind: "text" | "mmproj" | "other";
  readonly architecture: string | undefined;
  readonly projector: string | undefined;
  /** The model family (Qwen2.5-VL, Qwen3-VL) of a text model or projector DeskPilot runs. */
  readonly family: string | undefined;
  /** A projector's patch side and merge (clip.vision.patch_size, spatial_merge_size): frames are multiples of their product. */
  readonly patchSize: number | undefined;
  readonly mergeSize: number | undefined;
  readonly name: string | undefined;
  readonly tensors: number;
  /** Empty when the file is usable as its kind. */
  readonly problems: string[];
}

/** Reads a GGUF header and checks it the way the engine will: complete tensors, a text model or projector of a family DeskPilot runs. */
export function inspectGgufFile(path: string): GgufFileReport {
  const bytes = statSync(path).size;
  const header = readGguf(path, { arrayItems: false });
  const meta = (key: string) => {
    const v = header.metadata.get(key);
    return typeof v === "string" ? v : undefined;
  };
  const architecture = meta("general.architecture");
  const projector = meta("clip.projector_type") ?? meta("clip.vision.projector_type");
  const problems: string[] = [];
  const arch = architecture === "clip" ? architectureOfProjector(projector) : architectureOfText(architecture);
  const kind = !arch ? "other" : architecture === "clip" ? "mmproj" : "text";
  if (kind === "other") {
    problems.push(
      `architecture ${architecture ?? "?"}${projector ? ` / projector ${projector}` : ""} is neither a ${describeArchitectures("text")} text model nor its projector (${describeArchitectures("projector")})`,
    );
  }
  const count = (key: string, fallback: number | undefined) => {
    const v = header.metadata.get(key);
    return typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : fallback;
  };
  const patchSize = kind === "mmproj" ? count("clip.vision.patch_size", arch?.defaultPatchSize) : undefined;
  const mergeSize = kind === "mmproj" ? count("clip.vision.spatial_merge_size", 2) : undefined;
  const cut = truncatedTensor(header, bytes);
  if (cut) problems.push(`truncated: tensor ${cut.name} ends at byte ${cut.end}, the file has ${bytes}; download it again`);
  return {
    path,
    bytes,
    kind,
    architecture,
    projector,
    family: arch?.label,
    patchSize,
    mergeSize,
    name: meta("general.name"),
    tensors: header.tensors.length,
    problems,
  };
}
