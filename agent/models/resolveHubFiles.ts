import { ModelDownloadError } from "./ModelDownloadError.js";
import type { CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";
import { hubUnreachable } from "./probeHubFile.js";
import { deadline } from "../platform/deadline.js";

/** One file of a hub repository as its file listing describes it. */
export interface HubListedFile {
  readonly path: string;
  readonly size: number;
  /** SHA-256 of an LFS file's content (the listing's `lfs.oid`); absent for small files stored in git. */
  readonly sha256?: string;
}

/** The two files a pull fetches, as the hub publishes them. */
export interface ResolvedFiles {
  readonly model: string;
  readonly mmproj: string;
  /** false: the hub gave no listing, so these are the catalog's names, unchecked until the download asks for them. */
  readonly listed: boolean;
  /** What the listing says of the two files (sizes and hashes the download is then checked against). */
  readonly files?: { readonly model: HubListedFile; readonly mmproj: HubListedFile };
}

const SPLIT = /-(\d{5})-of-(\d{5})\.gguf$/i;
// The quantisation tag at the end of a GGUF name: Q4_K_M, IQ4_XS, Q8_0, F16, BF16, F32 (any case).
const QUANT_TAG = /[-._]((?:I?Q\d(?:_[A-Z0-9]+)*)|BF16|F16|F32)$/i;
// The projector people normally want: full precision costs little next to the text model.
const MMPROJ_PREFERENCE = ["F16", "BF16", "Q8_0", "F32"];
const SHA256 = /^[0-9a-f]{64}$/;

/**
 * Asks the hub which files `repo` publishes (Hugging Face's `GET /api/models/{repo}/tree/main`).
 * undefined when the hub has no such listing (a plain mirror): the download then asks for the
 * catalog's names and reports a missing one with the hub's 404. A hub that says the repository
 * does not exist, or is gated, is a clear error before anything is downloaded.
 */
export async function listHubFiles(
  hub: string,
  repo: string,
  options: { signal?: AbortSignal; token?: string; timeoutMs?: number } = {},
): Promise<HubListedFile[] | undefined> {
  const url = `${hub.replace(/\/+$/, "")}/api/models/${repo}/tree/main?recursive=true`;
  const { signal } = deadline(options.timeoutMs ?? 15_000, ...(options.signal ? [options.signal] : []));
  let response: Response;
  try {
    response = await fetch(url, { headers: options.token ? { Authorization: `Bearer ${options.token}` } : {}, signal });
  } catch (error) {
    throw hubUnreachable(url, error, options.signal, signal);
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    refuseMissingRepo(hub, repo, response, body);
    return undefined;
  }
  if (!Array.isArray(body)) return undefined;
  return body.flatMap((f: { type?: unknown; path?: unknown; size?: unknown; lfs?: { size?: unknown; oid?: unknown } }) => {
    if (f.type !== "file" || typeof f.path !== "string") return [];
    const oid = typeof f.lfs?.oid === "string" ? f.lfs.oid.replace(/^sha256:/, "") : undefined;
    return [{ path: f.path, size: Number(f.lfs?.size ?? f.size ?? -1), ...(oid && SHA256.test(oid) ? { sha256: oid } : {}) }];
  });
}

// Hugging Face answers a missing (or private) repository with 401/404 and X-Error-Code RepoNotFound;
// a plain mirror without the listing API answers 404 with no such code, and falls back to the catalog's names.
function refuseMissingRepo(hub: string, repo: string, response: Response, body: unknown): void {
  const code = response.headers.get("x-error-code") ?? "";
  const said = typeof (body as { error?: unknown } | undefined)?.error === "string" ? (body as { error: string }).error : "";
  const host = new URL(hub).host;
  if (code === "GatedRepo") {
    throw new ModelDownloadError(
      "HUB_ACCESS_DENIED",
      `${repo} on ${host} is gated (${response.status}); accept its licence on the hub's page and set HF_TOKEN, or choose another model`,
    );
  }
  if (code === "RepoNotFound" || code === "RevisionNotFound" || /repository not found/i.test(said)) {
    throw new ModelDownloadError(
      "HUB_REPO_NOT_FOUND",
      `${host} has no repository ${repo} (${response.status}${said ? `: ${said}` : ""}); nothing was downloaded. The catalog entry may be out of date: choose another model (\`deskpilot models list\`), or download the files yourself and run \`deskpilot models use --model FILE --mmproj FILE\``,
    );
  }
}

/**
 * Picks the text GGUF of `quant` and the best mmproj from a repository's listing: the catalog's
 * names when the hub has them, otherwise whatever file carries the quantisation's tag (names and
 * folders differ between publishers and change over time). A quantisation the repository does
 * not publish is a clear error naming the ones it does.
 */
export function pickQuantFiles(files: readonly HubListedFile[], entry: ModelCatalogEntry, quant: CatalogQuant): { model: string; mmproj: string } {
  const { model, mmproj } = pickListedFiles(files, entry, quant);
  return { model: model.path, mmproj: mmproj.path };
}

/** pickQuantFiles with the listing's sizes and hashes of the two files. */
export function pickListedFiles(
  files: readonly HubListedFile[],
  entry: ModelCatalogEntry,
  quant: CatalogQuant,
): { model: HubListedFile; mmproj: HubListedFile } {
  const ggufs = files.filter((f) => f.path.toLowerCase().endsWith(".gguf"));
  // ggml-org names them mmproj-<model>, others <model>-mmproj or put them in a folder.
  const isMmproj = (f: HubListedFile) => baseName(f.path).toLowerCase().includes("mmproj");
  const texts = ggufs.filter((f) => !isMmproj(f));
  const projectors = ggufs.filter(isMmproj);
  const where = `${entry.repo} on the hub`;

  const model = texts.find((f) => f.path === quant.text.path) ?? texts.find((f) => !SPLIT.test(f.path) && tagOf(f.path) === quant.name.toUpperCase());
  if (!model) {
    const split = texts.filter((f) => SPLIT.test(f.path) && tagOf(f.path.replace(SPLIT, ".gguf")) === quant.name.toUpperCase());
    if (split.length > 0) {
      throw new ModelDownloadError(
        "HUB_FILE_NOT_FOUND",
        `${where} publishes ${quant.name} of ${entry.id} only as ${split.length} split files, which DeskPilot cannot download as one model yet; choose another quantisation, or download and merge them yourself (llama-gguf-split --merge) and use "use these files"`,
      );
    }
    const published = [...new Set(texts.map((f) => tagOf(f.path.replace(SPLIT, ".gguf"))).filter((t): t is string => t !== undefined))];
    const offer = entry.quants.map((q) => q.name).filter((n) => published.includes(n.toUpperCase()));
    throw new ModelDownloadError(
      "HUB_FILE_NOT_FOUND",
      `${where} does not publish ${quant.name} of ${entry.id} (it has ${published.join(", ") || "no GGUF text model"}); ${offer.length > 0 ? `choose ${offer.join(" or ")}` : 'download the files yourself and use "use these files"'}`,
    );
  }
  const rank = (f: HubListedFile) => {
    const i = MMPROJ_PREFERENCE.indexOf(tagOf(f.path) ?? "");
    return i < 0 ? MMPROJ_PREFERENCE.length : i;
  };
  const mmproj = projectors.find((f) => f.path === entry.mmproj.path) ?? [...projectors].sort((a, b) => rank(a) - rank(b))[0];
  if (!mmproj) {
    throw new ModelDownloadError(
      "HUB_FILE_NOT_FOUND",
      `${where} publishes no mmproj (vision projector) file, so ${entry.id} cannot see images from it; download a matching mmproj yourself and use "use these files"`,
    );
  }
  return { model, mmproj };
}

/** The files to fetch for `quant` of `entry`: from the hub's listing when it has one, else the catalog's names. */
export async function resolveHubFiles(
  hub: string,
  entry: ModelCatalogEntry,
  quant: CatalogQuant,
  options: { signal?: AbortSignal; token?: string } = {},
): Promise<ResolvedFiles> {
  const listing = await listHubFiles(hub, entry.repo, options);
  if (!listing) return { model: quant.text.path, mmproj: entry.mmproj.path, listed: false };
  const files = pickListedFiles(listing, entry, quant);
  refuseUnpinned(entry, quant.text, files.model);
  refuseUnpinned(entry, entry.mmproj, files.mmproj);
  return { model: files.model.path, mmproj: files.mmproj.path, listed: true, files };
}

/**
 * A catalog file pinned by hash whose listed counterpart has another hash is not the build the
 * catalog was written for (re-uploaded, or replaced): refused before any byte is fetched.
 */
export function refuseUnpinned(entry: ModelCatalogEntry, pinned: { sha256?: string }, listed: { path: string; sha256?: string }): void {
  if (!pinned.sha256 || !listed.sha256 || listed.sha256 === pinned.sha256) return;
  throw new ModelDownloadError(
    "HUB_FILE_CHANGED",
    `${entry.repo} now publishes ${listed.path} with SHA-256 ${listed.sha256}, not the ${pinned.sha256} the catalog pins for ${entry.id} (built by ${entry.builtBy}); nothing was downloaded. The publisher replaced the file: choose another quantisation or model, or, if you trust the new file, download it yourself and run \`deskpilot models use --model FILE --mmproj FILE\``,
  );
}

function tagOf(path: string): string | undefined {
  return QUANT_TAG.exec(baseName(path).replace(/\.gguf$/i, ""))?.[1]?.toUpperCase();
}

function baseName(path: string): string {
  return path.split("/").pop()!;
}
