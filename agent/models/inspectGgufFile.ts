import { statSync } from "node:fs";
import { ggmlTensorBytes } from "./gguf/ggmlTensorBytes.js";
import { readGguf } from "./gguf/readGguf.js";

/** What one GGUF file is, and whether DeskPilot can use it. */
export interface GgufFileReport {
  readonly path: string;
  readonly bytes: number;
  /** text: a qwen2vl text model; mmproj: a Qwen2.5-VL projector; other: anything else. */
  readonly kind: "text" | "mmproj" | "other";
  readonly architecture: string | undefined;
  readonly projector: string | undefined;
  readonly name: string | undefined;
  readonly tensors: number;
  /** Empty when the file is usable as its kind. */
  readonly problems: string[];
}

/** Reads a GGUF header and checks it the way the engine will: complete tensors, a Qwen2.5-VL text model or projector. */
export function inspectGgufFile(path: string): GgufFileReport {
  const bytes = statSync(path).size;
  const header = readGguf(path);
  const meta = (key: string) => {
    const v = header.metadata.get(key);
    return typeof v === "string" ? v : undefined;
  };
  const architecture = meta("general.architecture");
  const projector = meta("clip.projector_type") ?? meta("clip.vision.projector_type");
  const problems: string[] = [];
  const kind = architecture === "qwen2vl" ? "text" : architecture === "clip" && projector === "qwen2.5vl_merger" ? "mmproj" : "other";
  if (kind === "other") problems.push(`architecture ${architecture ?? "?"}${projector ? ` / projector ${projector}` : ""} is neither a Qwen2.5-VL text model (qwen2vl) nor its projector (qwen2.5vl_merger)`);
  for (const t of header.tensors) {
    const end = header.dataOffset + t.offset + (ggmlTensorBytes(t.type, t.dims) ?? 1);
    if (end > bytes) {
      problems.push(`truncated: tensor ${t.name} ends at byte ${end}, the file has ${bytes}; download it again`);
      break;
    }
  }
  return { path, bytes, kind, architecture, projector, name: meta("general.name"), tensors: header.tensors.length, problems };
}
