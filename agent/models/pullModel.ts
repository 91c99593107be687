import { mkdir, readdir, rm, stat, statfs } from "node:fs/promises";
import { join } from "node:path";
import { createModelDownloader } from "node-llama-cpp";
import { withUserDownload } from "../net/networkGuard.js";
import { progressMeter, type DownloadProgress } from "./DownloadProgress.js";
import { hubFileUrl } from "./hubFileUrl.js";
import type { CatalogFile, CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";
import { ModelDownloadError } from "./ModelDownloadError.js";
import { listInstalledModels } from "./listInstalledModels.js";
import { readModelManifest, writeModelManifest, type ModelManifest } from "./ModelManifest.js";
import { probeHubFile, type HubFileInfo } from "./probeHubFile.js";
import { refuseUnpinned, resolveHubFiles, type HubListedFile } from "./resolveHubFiles.js";
import { sha256File } from "./sha256File.js";
import { verifyModelPair } from "./verifyModelPair.js";

export interface PullOptions {
  readonly entry: ModelCatalogEntry;
  readonly quant: CatalogQuant;
  readonly modelsDir: string;
  /** The hub address (resolveHubEndpoint). */
  readonly hub: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  /** No byte for this long ends the pull as interrupted, keeping the partial files to resume. Default 60 s. */
  readonly stallTimeoutMs?: number;
  /** On cancel, keep the partial files so the next pull resumes (the CLI's Ctrl-C); default: delete them. */
  readonly keepPartialOnCancel?: boolean;
  /** Free bytes where the files go (injected by tests); default: the file system's. */
  readonly freeBytes?: (dir: string) => Promise<number>;
}

const SPACE_MARGIN = 64 << 20;

/**
 * Downloads a catalog model's text GGUF and mmproj together through node-llama-cpp's downloader,
 * resuming partial files, then verifies them and writes the manifest that makes the model
 * installed. Runs as a user-started download, the one kind of remote connection local-only allows.
 */
export function pullModel(o: PullOptions): Promise<ModelManifest> {
  return withUserDownload(`pull ${o.entry.id}`, () => pull(o));
}

async function pull(o: PullOptions): Promise<ModelManifest> {
  const dir = join(o.modelsDir, o.entry.id);
  const report = (p: Omit<DownloadProgress, "modelId">) => o.onProgress?.({ modelId: o.entry.id, ...p });
  report({ phase: "checking", receivedBytes: 0, totalBytes: 0, bytesPerSecond: 0, etaSeconds: undefined });
  // Installed already: nothing to fetch, and no need to ask the hub (works offline).
  const installed = (await listInstalledModels(o.modelsDir)).find((m) => m.id === o.entry.id && m.quant === o.quant.name);
  if (installed) return installed;
  const token = process.env["HF_TOKEN"];
  // The catalog's file names are what the publisher used when it was written; the hub's listing is what it publishes now.
  const paths = await resolveHubFiles(o.hub, o.entry, o.quant, { ...(o.signal ? { signal: o.signal } : {}), ...(token ? { token } : {}) });
  const names = { model: baseName(paths.model), mmproj: baseName(paths.mmproj) };
  const probed = (await Promise.all([paths.model, paths.mmproj].map((p) => probeHubFile(hubFileUrl(o.hub, o.entry.repo, p), { signal: o.signal, token })))) as [
    HubFileInfo,
    HubFileInfo,
  ];
  const before = await readModelManifest(dir);
  const [model, mmproj] = (
    [
      [o.quant.text, paths.files?.model, probed[0], names.model, before?.model],
      [o.entry.mmproj, paths.files?.mmproj, probed[1], names.mmproj, before?.mmproj],
    ] as const
  ).map(([pinned, listed, probe, name, earlier]) =>
    expectedFile(o.entry, pinned, listed, probe, name, before?.repo === o.entry.repo ? earlier : undefined),
  ) as [Expected, Expected];

  await mkdir(dir, { recursive: true });
  await removeStale(dir);
  const total = model.size + mmproj.size;
  const free = await (o.freeBytes ?? freeBytesAt)(dir);
  // Files already complete need no more space. (A partial .ipull is sparse at full length, so its size says nothing.)
  const done = await Promise.all(
    [
      [names.model, model.size],
      [names.mmproj, mmproj.size],
    ].map(([name, size]) =>
      stat(join(dir, name as string)).then(
        (s) => (s.size === size ? s.size : 0),
        () => 0,
      ),
    ),
  );
  if (free < total - done[0]! - done[1]! + SPACE_MARGIN) {
    throw new ModelDownloadError(
      "NO_DISK_SPACE",
      `not enough disk space in ${dir}: the model needs ${gb(total)} and ${gb(free)} is free; free some space or choose another folder with --models-dir`,
    );
  }
  const endpoints = { huggingFace: `${o.hub}/` };
  const meter = progressMeter(o.entry.id);
  const received = [0, 0];
  let lastByteAt = Date.now();
  // Two plain downloaders rather than combineModelDownloaders: ipull's multi-download engine
  // truncates a cancelled file's resume record (it runs the finish step after a cancel), so an
  // interrupted combined download always starts over.
  const downloaders = await Promise.all(
    [paths.model, paths.mmproj].map((p, i) =>
      createModelDownloader({
        modelUri: `hf:${o.entry.repo}/${p}`,
        dirPath: dir,
        fileName: i === 0 ? names.model : names.mmproj,
        endpoints,
        skipExisting: true,
        deleteTempFileOnCancel: false,
        onProgress: ({ downloadedSize }) => {
          if (downloadedSize !== received[i]) [received[i], lastByteAt] = [downloadedSize, Date.now()];
          o.onProgress?.(meter(received[0]! + received[1]!, total));
        },
      }),
    ),
  );
  let stalled = false;
  const stop = () => Promise.all(downloaders.map((d) => d.cancel({ deleteTempFile: false })));
  const stallMs = o.stallTimeoutMs ?? 60_000;
  const watchdog = setInterval(
    () => {
      if (stalled || Date.now() - lastByteAt < stallMs) return;
      stalled = true;
      void stop();
    },
    Math.min(1000, stallMs / 4),
  );
  const onAbort = () => void stop();
  o.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await Promise.all(downloaders.map((d) => d.download()));
  } catch (error) {
    if (!stalled && !o.signal?.aborted) {
      await stop();
      throw interrupted(dir, received[0]! + received[1]!, total, error);
    }
  } finally {
    clearInterval(watchdog);
    o.signal?.removeEventListener("abort", onAbort);
  }
  if (o.signal?.aborted) {
    if (o.keepPartialOnCancel)
      throw new ModelDownloadError("DOWNLOAD_CANCELLED", `the download of ${o.entry.id} was stopped; run the same pull again to resume`);
    await removePartials(dir);
    throw new ModelDownloadError("DOWNLOAD_CANCELLED", `the download of ${o.entry.id} was cancelled; no partial file was kept`);
  }
  if (stalled) throw interrupted(dir, received[0]! + received[1]!, total, new Error(`no data for ${stallMs / 1000} s`));

  report({ phase: "verifying", receivedBytes: total, totalBytes: total, bytesPerSecond: 0, etaSeconds: undefined });
  const files = { model: join(dir, names.model), mmproj: join(dir, names.mmproj) };
  try {
    await verifyModelPair(
      { path: files.model, bytes: model.size, sha256: model.sha256 },
      { path: files.mmproj, bytes: mmproj.size, sha256: mmproj.sha256 },
      o.signal,
    );
    // Nothing published a hash: record what arrived, so a later pull of this file can tell if it changed.
    for (const [f, path] of [
      [model, files.model],
      [mmproj, files.mmproj],
    ] as const)
      f.sha256 ??= await sha256File(path, o.signal);
  } catch (error) {
    await rm(files.model, { force: true });
    await rm(files.mmproj, { force: true });
    throw error;
  }
  const manifest: ModelManifest = {
    id: o.entry.id,
    quant: o.quant.name,
    repo: o.entry.repo,
    hub: o.hub,
    verifiedAt: new Date().toISOString(),
    model: { name: names.model, bytes: model.size, sha256: model.sha256, trust: model.trust },
    mmproj: { name: names.mmproj, bytes: mmproj.size, sha256: mmproj.sha256, trust: mmproj.trust },
  };
  await writeModelManifest(dir, manifest);
  // One folder holds one quantisation: files of one pulled before are replaced by this one.
  for (const name of await readdir(dir)) {
    if (name.endsWith(".gguf") && name !== names.model && name !== names.mmproj) await rm(join(dir, name), { force: true });
  }
  report({ phase: "done", receivedBytes: total, totalBytes: total, bytesPerSecond: 0, etaSeconds: 0 });
  return manifest;
}

/** What one file must turn out to be: size and hash, and on whose word the hash is trusted. */
interface Expected {
  readonly size: number;
  sha256: string | undefined;
  readonly trust: "pinned" | "hub" | "first-use";
}

/**
 * The size and hash a download must match: the size the hub lists (else its HEAD answer); the hash
 * the catalog pins, else the one the hub lists or sends, else none (recorded once downloaded).
 * A pinned or earlier-recorded hash the hub contradicts stops the pull before any download.
 */
function expectedFile(
  entry: ModelCatalogEntry,
  pinned: CatalogFile,
  listed: HubListedFile | undefined,
  probe: HubFileInfo,
  name: string,
  earlier: ModelManifest["model"] | undefined,
): Expected {
  const published = listed?.sha256 ?? probe.sha256;
  if (published) refuseUnpinned(entry, pinned, { path: name, sha256: published });
  const recorded = earlier?.name === name ? earlier.sha256 : undefined;
  if (recorded && published && recorded !== published && !pinned.sha256) {
    throw new ModelDownloadError(
      "HUB_FILE_CHANGED",
      `${entry.repo} now publishes ${name} with SHA-256 ${published}, but the copy downloaded here before had ${recorded}; nothing was downloaded. If you trust the new file, run \`deskpilot models remove ${entry.id}\` and pull again`,
    );
  }
  const size = listed && listed.size >= 0 ? listed.size : probe.size;
  const sha256 = pinned.sha256 ?? published ?? recorded;
  return { size, sha256, trust: pinned.sha256 ? "pinned" : published ? "hub" : "first-use" };
}

function interrupted(dir: string, received: number, total: number, cause: unknown): ModelDownloadError {
  const e = cause as { code?: string; message?: string };
  if (e.code === "ENOSPC")
    return new ModelDownloadError("NO_DISK_SPACE", `the disk holding ${dir} filled up during the download; free some space and pull again to resume`, {
      cause,
    });
  return new ModelDownloadError(
    "DOWNLOAD_INTERRUPTED",
    `the download stopped at ${gb(received)} of ${gb(total)} (${e.message ?? String(cause)}); run the same pull again to resume from there`,
    { cause },
  );
}

// A new pull replaces whatever an older manifest described (another quantisation, a changed file).
async function removeStale(dir: string): Promise<void> {
  await rm(join(dir, "deskpilot-model.json"), { force: true });
}

async function removePartials(dir: string): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) if (name.endsWith(".ipull")) await rm(join(dir, name), { force: true });
}

async function freeBytesAt(dir: string): Promise<number> {
  const s = await statfs(dir);
  return s.bavail * s.bsize;
}

function baseName(path: string): string {
  return path.split("/").pop()!;
}

function gb(bytes: number): string {
  return bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
