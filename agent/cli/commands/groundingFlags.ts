import type { Command } from "commander";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { UsageError } from "../../errors/UsageError.js";
import type { ModelSource } from "../../service/createGrounder.js";
import { DEFAULT_GROUNDING_PROMPT, GROUNDING_PROMPT_KINDS, type GroundingPromptKind } from "../../grounding/GroundingPromptKind.js";
import type { SourceImage } from "../../frames/SourceImage.js";
import type { OracleTarget } from "../../grounding/OracleAnswerer.js";
import { DEFAULT_TOKEN_BOUNDS, type TokenBounds } from "../../frames/TokenBounds.js";
import { chatCompletionsUrl } from "../../grounding/remote/chatCompletionsUrl.js";
import { loadImageFile, sourceFromCapture } from "../../frames/sourceImages.js";
import { autoContextSize, minContextSize, type ContextSizeSetting } from "../../vision/contextBudget.js";
import { addSelectedModelFlag } from "./selectedModelFlags.js";
import { parseCoordinateSpace } from "../../profiles/coordinateSpace.js";
import { PROFILE_IDS } from "../../profiles/ModelProfile.js";
import { familyOfMmproj } from "../../profiles/familyOfProjector.js";
import { parseProfileId } from "../../profiles/profileRegistry.js";
import type { ProfileChoice } from "../../profiles/sourceProfile.js";

/** The model flags of docs/design.md §9, as commander hands them over. */
export interface ModelFlags {
  model?: string;
  mmproj?: string;
  endpoint?: string;
  remoteModel?: string;
  apiKey?: string;
  gpuLayers?: string;
  threads?: string;
  contextSize?: string;
  minImageTokens?: string;
  maxImageTokens?: string;
  timeout?: string;
  retries?: string;
  oracle?: string;
  remoteGrammar?: boolean;
  profile?: string;
  coordinates?: string;
  /** Set by --model-id's hook when no model flag was given and the selected model cannot run: why. */
  defaultModelProblem?: string;
}

/** Adds the model flags shared by ground, ask and eval. */
export function addModelFlags(cmd: Command): Command {
  return addSelectedModelFlag(cmd)
    .option("--model <file>", "local text GGUF (Qwen2.5-VL, UI-TARS-1.5, Qwen3-VL or a GUI model on it)")
    .option("--mmproj <file>", "local vision projector GGUF for --model")
    .option("--endpoint <url>", "OpenAI-compatible server (llama-server, vLLM, LM Studio), with or without /v1")
    .option("--remote-model <name>", "model name on --endpoint")
    .option("--api-key <key>", "bearer key for --endpoint (default: $DESKPILOT_API_KEY)")
    .option("--gpu-layers <n>", "layers on the GPU: a number, auto or max", "auto")
    .option("--threads <n>", "CPU threads (default: all)")
    .option("--context-size <n>", "the local engine's context in tokens, or auto: room for the last three screenshots at --max-image-tokens", "auto")
    .option("--min-image-tokens <n>", "least image tokens of the model frame", String(DEFAULT_TOKEN_BOUNDS.minImageTokens))
    .option("--max-image-tokens <n>", "most image tokens of the model frame", String(DEFAULT_TOKEN_BOUNDS.maxImageTokens))
    .option("--remote-grammar", "send the answer's GBNF grammar to --endpoint (llama-server supports it)")
    .option(
      "--profile <id>",
      `what the model reads and writes: ${PROFILE_IDS.join(" | ")} (default: the catalog model's, else the mmproj's family, else qwen2.5-vl)`,
    )
    .option(
      "--coordinates <space>",
      "the model's coordinate space: frame (absolute frame pixels: Qwen2.5-VL, UI-TARS-1.5) | relative-1000 (Qwen2-VL, Qwen3-VL, GUI-Owl-1.5, UI-TARS-1.0) | relative-999 (MAI-UI); default: the profile's",
    )
    .option("--timeout <seconds>", "per-request limit for --endpoint", "120")
    .option("--retries <n>", "retries for --endpoint after a refused connection or a 5xx", "2")
    .option("--oracle <file>", "testing only: answer from known element boxes in this JSON file instead of a model");
}

const int = (name: string, v: string | undefined, min: number): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} must be a whole number ≥ ${min}, not ${JSON.stringify(v)}`);
  return n;
};

/** Reads the model flags into a model source and image-token bounds; a wrong combination is a usage error. */
export function modelSourceFromFlags(f: ModelFlags): { source: ModelSource; bounds: TokenBounds } {
  const bounds = { minImageTokens: int("--min-image-tokens", f.minImageTokens, 1)!, maxImageTokens: int("--max-image-tokens", f.maxImageTokens, 1)! };
  if (bounds.minImageTokens > bounds.maxImageTokens) throw new UsageError("--min-image-tokens is above --max-image-tokens");
  const chosen = [f.model || f.mmproj, f.endpoint, f.oracle].filter(Boolean).length;
  if (chosen === 0 && f.defaultModelProblem) {
    throw new UsageError(
      `no model to run: without a model flag the selected model runs, and ${f.defaultModelProblem}; ` +
        "or choose one model: --model-id ID, --model FILE --mmproj FILE, or --endpoint URL --remote-model NAME",
    );
  }
  if (chosen !== 1) {
    throw new UsageError(
      "choose one model: --model-id ID, --model FILE --mmproj FILE, or --endpoint URL --remote-model NAME " +
        "(with none given, the model selected by `deskpilot models use` is used once it is downloaded: `deskpilot models pull`)",
    );
  }
  const choice = profileFromFlags(f);
  if (f.oracle) return { source: { kind: "oracle", targets: readOracle(f.oracle) }, bounds };
  if (f.endpoint) {
    if (!f.remoteModel) throw new UsageError("--endpoint needs --remote-model NAME (the model the server serves)");
    chatCompletionsUrl(f.endpoint); // a bad URL is a usage error before any work
    return {
      source: {
        kind: "remote",
        endpoint: f.endpoint,
        model: f.remoteModel,
        apiKey: f.apiKey ?? process.env["DESKPILOT_API_KEY"],
        timeoutMs: (int("--timeout", f.timeout, 1) ?? 120) * 1000,
        retries: int("--retries", f.retries, 0),
        sendGrammar: f.remoteGrammar === true,
        ...choice,
      },
      bounds,
    };
  }
  if (!f.model || !f.mmproj) throw new UsageError("a local model needs both --model TEXT.gguf and --mmproj MMPROJ.gguf");
  const gpu = f.gpuLayers ?? "auto";
  const gpuLayers = gpu === "auto" || gpu === "max" ? gpu : int("--gpu-layers", gpu, 0)!;
  // Files named without --profile take their projector's family (a Qwen3-VL mmproj answers 0–1000).
  const family = choice.profile ?? familyOfMmproj(f.mmproj);
  return {
    source: {
      kind: "local",
      modelPath: f.model,
      mmprojPath: f.mmproj,
      gpuLayers,
      threads: int("--threads", f.threads, 1),
      contextSize: contextSizeFlag(f.contextSize, bounds.maxImageTokens),
      ...choice,
      ...(family ? { profile: family } : {}),
    },
    bounds,
  };
}

/** `--profile` and `--coordinates`, checked: an unknown profile is a usage error that lists the known ones. */
export function profileFromFlags(f: Pick<ModelFlags, "profile" | "coordinates">): ProfileChoice {
  return {
    ...(f.profile !== undefined ? { profile: parseProfileId(f.profile) } : {}),
    ...(f.coordinates !== undefined ? { coordinates: parseCoordinateSpace(f.coordinates) } : {}),
  };
}
/** --context-size: "auto", or tokens enough for one screenshot at the largest frame (a smaller context fails every step). */
function contextSizeFlag(v: string | undefined, maxImageTokens: number): ContextSizeSetting {
  if (v === undefined || v === "auto") return "auto";
  const n = int("--context-size", v, 2048)!;
  const least = minContextSize(maxImageTokens);
  if (n < least)
    throw new UsageError(
      `--context-size ${n} cannot hold one screenshot at --max-image-tokens ${maxImageTokens}: a step needs at least ${least} tokens; give --context-size auto (${autoContextSize(maxImageTokens)} here), ${least} or more, or lower --max-image-tokens`,
    );
  return n;
}

const oracleSchema = z.array(z.object({ query: z.string(), box: z.tuple([z.number(), z.number(), z.number(), z.number()]), image: z.string().optional() }));

function readOracle(file: string): OracleTarget[] {
  const parsed = oracleSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) throw new UsageError(`--oracle ${file}: expected [{"query", "box": [x1,y1,x2,y2], "image"?}]: ${parsed.error.message}`);
  return parsed.data;
}

/** The image to ground: a file, or with --screen a fresh capture of a display. */
export async function sourceFromArgs(image: string | undefined, opts: { screen?: boolean; display?: string; source?: string }): Promise<SourceImage> {
  if (opts.screen) {
    // the screen sources (nut-js, node-screenshots) load only for --screen
    const { createScreenSource } = await import("../../capture/screenSources.js");
    return sourceFromCapture(await createScreenSource(opts.source).capture(opts.display));
  }
  if (!image) throw new UsageError("give an IMAGE file, or --screen to capture the display");
  return loadImageFile(image);
}

/** Splits `IMAGE QUERY` / `--screen QUERY` positionals. */
export function imageAndText(args: string[], screen: boolean | undefined, what: string): { image?: string; text: string } {
  const expected = screen ? 1 : 2;
  if (args.length !== expected)
    throw new UsageError(screen ? `with --screen give just the ${what}` : `give an IMAGE file and the ${what} (or --screen and the ${what})`);
  return screen ? { text: args[0]! } : { image: args[0]!, text: args[1]! };
}

/** `--grounding-prompt`: one prompt (ground), or with `many` a comma-separated list to compare (eval); default json. */
export function groundingPromptsFromFlag(value: string | undefined, many: boolean): GroundingPromptKind[] {
  if (value === undefined) return [DEFAULT_GROUNDING_PROMPT];
  const names = value.split(",").map((s) => s.trim());
  const bad = names.find((n) => !(GROUNDING_PROMPT_KINDS as readonly string[]).includes(n));
  const choices = GROUNDING_PROMPT_KINDS.join(" or ");
  if (bad !== undefined) throw new UsageError(`--grounding-prompt is ${many ? `a comma-separated list of ${choices}` : choices}, not ${JSON.stringify(bad)}`);
  if (!many && names.length > 1) throw new UsageError(`--grounding-prompt takes one prompt here (${choices}); \`deskpilot eval\` compares several`);
  return [...new Set(names as GroundingPromptKind[])];
}
