import type { BenchmarkEvidence, ModelEvidence, PublishedScore } from "./ModelEvidence.js";

// Every number here was read from the source it names; where a number could not be found
// published, it is left out rather than guessed (Qwen2.5-VL's own ScreenSpot-Pro claims, for one).

/** ClawGUI-Eval (ZJU-REAL): one harness re-running each model's official prompt; its table also quotes each official number. */
const CLAWGUI = "https://github.com/ZJU-REAL/ClawGUI/blob/a64c2fee3365ad88201b09e5f69d621c419e3fae/clawgui-eval/README.md#-reproduction-results";
const CLAWGUI_BY = "ClawGUI-Eval (ZJU-REAL)";
/** Salesforce's GTA1 model card re-evaluated UI-TARS-1.5-7B itself (its table marks such numbers with *). */
const GTA1 = "https://huggingface.co/Salesforce/GTA1-7B-2507";
const QWEN3_VL_REPORT = "https://arxiv.org/abs/2511.21631";
const GUI_OWL_15_REPORT = "https://arxiv.org/abs/2602.16855";
const GUI_OWL_15_README = "https://github.com/X-PLUG/MobileAgent/blob/main/Mobile-Agent-v3.5/README.md#performance";
const MAI_UI_REPORT = "https://arxiv.org/abs/2512.22047";
const UI_TARS_15_CARD = "https://huggingface.co/ByteDance-Seed/UI-TARS-1.5-7B";
const QUOTED = "the authors' number as ClawGUI-Eval's comparison table quotes it";

function rerun(score: number): PublishedScore {
  return { score, reportedBy: CLAWGUI_BY, source: CLAWGUI };
}

function authors(score: number, reportedBy: string, source: string, detail = QUOTED): PublishedScore {
  return { score, reportedBy, source, detail };
}

function sspro(claim: PublishedScore | undefined, ...reproductions: PublishedScore[]): BenchmarkEvidence {
  return { ...(claim ? { authors: claim } : {}), reproductions };
}

const qwen3vl = (score: number, reproduced: number): ModelEvidence => ({
  screenSpotPro: sspro(authors(score, "Qwen (authors)", QWEN3_VL_REPORT), rerun(reproduced)),
});

/** Published results per catalog id. */
export const CATALOG_EVIDENCE: Readonly<Record<string, ModelEvidence>> = {
  // No ScreenSpot-Pro number of Qwen's own was found for the 3B or 7B; ClawGUI-Eval's run is the one published.
  "qwen2.5-vl-3b": { screenSpotPro: sspro(undefined, rerun(15.62)) },
  "qwen2.5-vl-7b": { screenSpotPro: sspro(undefined, rerun(27.45)) },
  "qwen2.5-vl-32b": {},
  "qwen2.5-vl-72b": {},
  "ui-tars-1.5-7b": {
    screenSpotPro: sspro(
      authors(49.6, "ByteDance Seed (authors)", UI_TARS_15_CARD, "the release's number, as ClawGUI-Eval's table and summaries of the release quote it"),
      rerun(42.06),
      { score: 42.0, reportedBy: "Salesforce (GTA1 model card)", source: GTA1 },
    ),
    osworld: sspro(authors(27.5, "ByteDance Seed (authors)", UI_TARS_15_CARD, "OSWorld, 100 steps, as summaries of the release quote it")),
  },
  "qwen3-vl-2b": qwen3vl(48.5, 43.9),
  "qwen3-vl-4b": qwen3vl(59.5, 59.39),
  "qwen3-vl-8b": qwen3vl(54.6, 56.42),
  "gui-owl-1.5-4b": {
    screenSpotPro: sspro(authors(66.8, "Tongyi Lab / X-PLUG (authors)", GUI_OWL_15_REPORT), rerun(66.16)),
    osworld: sspro(authors(48.2, "Tongyi Lab / X-PLUG (authors)", GUI_OWL_15_README, "OSWorld-Verified, the model's README")),
  },
  "gui-owl-1.5-8b": {
    screenSpotPro: sspro(authors(71.1, "Tongyi Lab / X-PLUG (authors)", GUI_OWL_15_REPORT), rerun(70.08)),
    osworld: sspro(authors(52.3, "Tongyi Lab / X-PLUG (authors)", GUI_OWL_15_README, "OSWorld-Verified, the model's README")),
  },
  "mai-ui-2b": { screenSpotPro: sspro(authors(57.4, "Tongyi Lab MAI (authors)", MAI_UI_REPORT), rerun(57.94)) },
  "mai-ui-8b": { screenSpotPro: sspro(authors(65.8, "Tongyi Lab MAI (authors)", MAI_UI_REPORT), rerun(64.07)) },
};
