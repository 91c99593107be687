import { CATALOG_EVIDENCE } from "./catalogEvidence.js";
import type { CatalogFile, CatalogProfile, CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";

// Sizes marked "published" and every sha256 below are the hub's own (its LFS listing), as public
// projects that pin these files quote them; two or more independent projects agree on each one
// unless a comment says otherwise. Sizes marked "estimate" are the same-shaped sibling's, or
// params × bits per weight: no source published them. A pull takes names, sizes and hashes from
// the hub's listing at that time, and refuses a listed file whose hash differs from a pin here.

type Shape = Pick<ModelCatalogEntry, "paramsB" | "layers" | "kvHeads" | "headDim">;

// Text-model shapes from each model's config.json (text_config): Qwen3-VL-4B and -8B as their
// published configs give them (36 layers, 8 KV heads of 128); the 2B is Qwen3-1.7B's text stack
// (28 layers, 8 KV heads of 128). The GUI fine-tunes keep their base's shape.
const SHAPE_2B: Shape = { paramsB: 1.72, layers: 28, kvHeads: 8, headDim: 128 };
const SHAPE_4B: Shape = { paramsB: 4.02, layers: 36, kvHeads: 8, headDim: 128 };
const SHAPE_8B: Shape = { paramsB: 8.19, layers: 36, kvHeads: 8, headDim: 128 };

const published = (path: string, bytes: number, sha256?: string): CatalogFile => ({
  path,
  approxBytes: bytes,
  bytesFrom: "published",
  ...(sha256 ? { sha256 } : {}),
});
const estimate = (path: string, bytes: number): CatalogFile => ({ path, approxBytes: bytes, bytesFrom: "estimate" });
const quant = (name: string, text: CatalogFile): CatalogQuant => ({ name, text });

interface Family {
  readonly id: string;
  readonly title: string;
  readonly repo: string;
  readonly builtBy: string;
  readonly revision?: string;
  readonly profile: CatalogProfile;
  readonly license: string;
  readonly shape: Shape;
  readonly quants: readonly CatalogQuant[];
  readonly defaultQuant: string;
  readonly mmproj: CatalogFile;
  readonly notes: string;
}

function entry(f: Family): ModelCatalogEntry {
  const { shape, ...rest } = f;
  // Every model here, the GUI fine-tunes included, is Qwen3-VL's text stack and qwen3vl_merger projector.
  return { ...rest, ...shape, architecture: "qwen3vl", evidence: CATALOG_EVIDENCE[f.id]! };
}

const OFFICIAL = "Qwen (official GGUF, the model's makers)";
const QWEN3_VL_NOTE = "Qwen's own GGUF conversion (text model + mmproj), Apache-2.0. Answers in relative 0–1000 coordinates (profile qwen3-vl).";

/** Qwen3-VL 2B/4B/8B Instruct from Qwen's GGUF repositories, and the GUI models built on them. */
export function qwen3VlFamily(): ModelCatalogEntry[] {
  return [
    entry({
      id: "qwen3-vl-2b",
      title: "Qwen3-VL 2B Instruct",
      repo: "Qwen/Qwen3-VL-2B-Instruct-GGUF",
      builtBy: OFFICIAL,
      revision: "52d6c8ffea26cc873ac5ad116f8631268d7eb503",
      profile: "qwen3-vl",
      license: "apache-2.0",
      shape: SHAPE_2B,
      quants: [
        quant("Q4_K_M", published("Qwen3VL-2B-Instruct-Q4_K_M.gguf", 1_107_409_952, "089d75c52f4b7ffc56ba998ffc50aae89fcafc755f9e7208aacca281dca6c2ae")),
        quant("Q8_0", estimate("Qwen3VL-2B-Instruct-Q8_0.gguf", 1_830_000_000)),
      ],
      defaultQuant: "Q4_K_M",
      mmproj: published("mmproj-Qwen3VL-2B-Instruct-Q8_0.gguf", 445_053_216, "f9a68fabba69c3b81e153367b2c7521030b0fa8bb0de400c9599c8e6725f9c82"),
      notes: QWEN3_VL_NOTE,
    }),
    entry({
      id: "qwen3-vl-4b",
      title: "Qwen3-VL 4B Instruct",
      repo: "Qwen/Qwen3-VL-4B-Instruct-GGUF",
      builtBy: OFFICIAL,
      revision: "1cd86afb9a95c410a6038ab3b40d8b578c892266",
      profile: "qwen3-vl",
      license: "apache-2.0",
      shape: SHAPE_4B,
      quants: [
        quant("Q4_K_M", published("Qwen3VL-4B-Instruct-Q4_K_M.gguf", 2_497_281_664, "66358cb18bb6b3b1b6675aa412c7a88ef01d228f481184d13668e5201c730a0a")),
        quant("Q8_0", estimate("Qwen3VL-4B-Instruct-Q8_0.gguf", 4_280_000_000)),
      ],
      defaultQuant: "Q4_K_M",
      mmproj: published("mmproj-Qwen3VL-4B-Instruct-Q8_0.gguf", 453_974_304, "30ba2c7dd3127a4561b6cba9d13d0f711c91bdb38742e2f56d73c8cb596bd06d"),
      notes: QWEN3_VL_NOTE,
    }),
    entry({
      id: "qwen3-vl-8b",
      title: "Qwen3-VL 8B Instruct",
      repo: "Qwen/Qwen3-VL-8B-Instruct-GGUF",
      builtBy: OFFICIAL,
      revision: "f982a07559d4a2f6c8744d840bf6fccab30eea96",
      profile: "qwen3-vl",
      license: "apache-2.0",
      shape: SHAPE_8B,
      quants: [
        quant("Q4_K_M", published("Qwen3VL-8B-Instruct-Q4_K_M.gguf", 5_027_784_800, "67d1659bfe71b89d50b45a4ad1a9e5b997e5bb16ce5da66a6a6167abd569e9e2")),
        // 8.71 GB as public download tables round it; no exact size or hash found.
        quant("Q8_0", estimate("Qwen3VL-8B-Instruct-Q8_0.gguf", 8_710_000_000)),
      ],
      defaultQuant: "Q4_K_M",
      // One public project pins this hash and size (another quotes 752 MB).
      mmproj: published("mmproj-Qwen3VL-8B-Instruct-Q8_0.gguf", 752_289_728, "c6ba85508d82f42590e6eb77d5340369ab6fecf107a7561d809523d8aa5f3bfd"),
      notes: QWEN3_VL_NOTE,
    }),
    entry({
      id: "gui-owl-1.5-4b",
      title: "GUI-Owl 1.5 4B Instruct (Tongyi Lab; GUI agent)",
      repo: "mradermacher/GUI-Owl-1.5-4B-Instruct-GGUF",
      builtBy: "mradermacher (community conversion of mPLUG/GUI-Owl-1.5-4B-Instruct)",
      revision: "9a79d301329062eb02e46f7ccad82c99075bfaaa",
      profile: "gui-owl-1.5",
      license: "mit",
      shape: SHAPE_4B,
      quants: [
        quant("Q4_K_M", published("GUI-Owl-1.5-4B-Instruct.Q4_K_M.gguf", 2_497_282_208, "8e1793b69bb4064671ab6529b43f5b943850f73a9244ad139c16e93a44709232")),
        quant("Q8_0", estimate("GUI-Owl-1.5-4B-Instruct.Q8_0.gguf", 4_280_000_000)),
      ],
      defaultQuant: "Q4_K_M",
      mmproj: published("GUI-Owl-1.5-4B-Instruct.mmproj-Q8_0.gguf", 453_974_336, "b705d940e9b7f212235a16c9c4b8cc9dd9053a1ccf549b99fc069a0ae694b073"),
      notes:
        "Qwen3-VL-4B fine-tuned for GUI agents; answers in 0–1000 coordinates (its README). A community build: Q4_K_M and the projector are pinned by hash; Q8_0 has no published hash, so the pull records the one the hub lists (trust on first use). The builder names no converter commit.",
    }),
    entry({
      id: "gui-owl-1.5-8b",
      title: "GUI-Owl 1.5 8B Instruct (Tongyi Lab; GUI agent)",
      repo: "mradermacher/GUI-Owl-1.5-8B-Instruct-GGUF",
      builtBy: "mradermacher (community conversion of mPLUG/GUI-Owl-1.5-8B-Instruct)",
      revision: "6737f9a6f2cf96d594062f31db421898b3a87bcd",
      profile: "gui-owl-1.5",
      license: "mit",
      shape: SHAPE_8B,
      quants: [
        quant("Q4_K_M", estimate("GUI-Owl-1.5-8B-Instruct.Q4_K_M.gguf", 5_030_000_000)),
        // Q5_K_M is the quantisation whose hash one public deployment published; Q4_K_M's was not found.
        quant("Q5_K_M", published("GUI-Owl-1.5-8B-Instruct.Q5_K_M.gguf", 5_851_114_144, "c8cabd3eca98f7d40eb583116f66648b465cf144cadb00258e661574e954da83")),
      ],
      defaultQuant: "Q5_K_M",
      mmproj: published("GUI-Owl-1.5-8B-Instruct.mmproj-f16.gguf", 1_159_029_952, "88969da9a3c92b3ecd1f735af3d3d88afb6c240cd14067766c421c08b5d940b2"),
      notes:
        "Qwen3-VL-8B fine-tuned for GUI agents; answers in 0–1000 coordinates (its README). A community build: Q5_K_M and the f16 projector are pinned by hash (one source only); Q4_K_M has none published, so the pull records the one the hub lists (trust on first use).",
    }),
    entry({
      id: "mai-ui-2b",
      title: "MAI-UI 2B (Tongyi Lab; GUI agent)",
      repo: "mradermacher/MAI-UI-2B-GGUF",
      builtBy: "mradermacher (community conversion of Tongyi-MAI/MAI-UI-2B)",
      profile: "mai-ui",
      license: "apache-2.0",
      shape: SHAPE_2B,
      quants: [quant("Q4_K_M", estimate("MAI-UI-2B.Q4_K_M.gguf", 1_107_000_000)), quant("Q8_0", estimate("MAI-UI-2B.Q8_0.gguf", 1_830_000_000))],
      defaultQuant: "Q4_K_M",
      mmproj: estimate("MAI-UI-2B.mmproj-Q8_0.gguf", 445_000_000),
      notes:
        "Qwen3-VL-2B fine-tuned for GUI agents; answers in 0–999 coordinates (profile mai-ui). A community build with no published file hashes: the pull records the hashes the hub lists (trust on first use). Sizes are the Qwen3-VL-2B files' (same shapes).",
    }),
    entry({
      id: "mai-ui-8b",
      title: "MAI-UI 8B (Tongyi Lab; GUI agent)",
      repo: "mradermacher/MAI-UI-8B-GGUF",
      builtBy: "mradermacher (community conversion of Tongyi-MAI/MAI-UI-8B)",
      profile: "mai-ui",
      license: "apache-2.0",
      shape: SHAPE_8B,
      quants: [quant("Q4_K_M", estimate("MAI-UI-8B.Q4_K_M.gguf", 5_030_000_000)), quant("Q8_0", estimate("MAI-UI-8B.Q8_0.gguf", 8_710_000_000))],
      defaultQuant: "Q4_K_M",
      mmproj: estimate("MAI-UI-8B.mmproj-Q8_0.gguf", 752_000_000),
      notes:
        "Qwen3-VL-8B fine-tuned for GUI agents; answers in 0–999 coordinates (profile mai-ui). A community build with no published file hashes: the pull records the hashes the hub lists (trust on first use). Sizes are the Qwen3-VL-8B files' (same shapes).",
    }),
  ];
}
