import { mkdir, readdir, rm, stat, statfs } from "node:fs/promises";
import { join } from "node:path";
import { createModelDownloader } from "node-llama-cpp";
import { withUserDownload } from "../net/networkGuard.js";
import { progressMeter, type DownloadProgress } from "./DownloadProgress.js";
import { hubFileUrl } from "./hubFileUrl.js";
import type { CatalogQuant, ModelCatalogEntry } from "./ModelCatalogEntry.js";
import { ModelDownloadError } from "./ModelDownloadError.js";
import { listInstalledModels } from "./listInstalledModels.js";
import { writeModelManifest, type ModelManifest } from "./ModelManifest.js";
import { probeHubFile, type HubFileInfo } from "./probeHubFile.js";
import { resolveHubFiles } from "./resolveHubFiles.js";
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
  const [model, mmproj] = await Promise.all(
    [paths.model, paths.mmproj].map((p) => probeHubFile(hubFileUrl(o.hub, o.entry.repo, p), { signal: o.signal, token })),
  ) as [HubFileInfo, HubFileInfo];

  await mkdir(dir, { recursive: true });
  await removeStale(dir);
  const total = model.size + mmproj.size;
  const free = await (o.freeBytes ?? freeBytesAt)(dir);
  // Files already complete need no more space. (A partial .ipull is sparse at full length, so its size says nothing.)
  const done = await Promise.all([[names.model, model.size], [names.mmproj, mmproj.size]].map(([name, size]) =>
    stat(join(dir, name as string)).then((s) => (s.size === size ? s.size : 0), () => 0)));
  if (free < total - done[0]! - done[1]! + SPACE_MARGIN) {
    throw new ModelDownloadError("NO_DISK_SPACE", `not enough disk space in ${dir}: the model needs ${gb(total)} and ${gb(free)} is free; free some space or choose another folder with --models-dir`);
  }
  const endpoints = { huggingFace: `${o.hub}/` };
  const meter = progressMeter(o.entry.id);
  const received = [0, 0];
  let lastByteAt = Date.now();
  // Two plain downloaders rather than combineModelDownloaders: ipull's multi-download engine
  // truncates a cancelled file's resume record (it runs the finish step after a cancel), so an
  // interrupted combined download always starts over.
  const downloaders = await Promise.all([paths.model, paths.mmproj].map((p, i) =>
    createModelDownloader({
      modelUri: `hf:${o.entry.repo}/${p}`, dirPath: dir, fileName: i === 0 ? names.model : names.mmproj, endpoints,
      skipExisting: true, deleteTempFileOnCancel: false,
      onProgress: ({ downloadedSize }) => {
        if (downloadedSize !== received[i]) [received[i], lastByteAt] = [downloadedSize, Date.now()];
        o.onProgress?.(meter(received[0]! + received[1]!, total));
      },
    })));
  let stalled = false;
  const stop = () => Promise.all(downloaders.map((d) => d.cancel({ deleteTempFile: false })));
  const stallMs = o.stallTimeoutMs ?? 60_000;
  const watchdog = setInterval(() => {
    if (stalled || Date.now() - lastByteAt < stallMs) return;
    stalled = true;
    void stop();
  }, Math.min(1000, stallMs / 4));
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
    if (o.keepPartialOnCancel) throw new ModelDownloadError("DOWNLOAD_CANCELLED", `the download of ${o.entry.id} was stopped; run the same pull again to resume`);
    await removePartials(dir);
    throw new ModelDownloadError("DOWNLOAD_CANCELLED", `the download of ${o.entry.id} was cancelled; no partial file was kept`);
  }
  if (stalled) throw interrupted(dir, received[0]! + received[1]!, total, new Error(`no data for ${stallMs / 1000} s`));

  report({ phase: "verifying", receivedBytes: total, totalBytes: total, bytesPerSecond: 0, etaSeconds: undefined });
  const files = { model: join(dir, names.model), mmproj: join(dir, names.mmproj) };
  try {
    await verifyModelPair({ path: files.model, bytes: model.size, sha256: model.sha256 }, { path: files.mmproj, bytes: mmproj.size, sha256: mmproj.sha256 }, o.signal);
  } catch (error) {
    await rm(files.model, { force: true });
    await rm(files.mmproj, { force: true });
    throw error;
  }
  const manifest: ModelManifest = {
    id: o.entry.id, quant: o.quant.name, repo: o.entry.repo, hub: o.hub, verifiedAt: new Date().toISOString(),
    model: { name: names.model, bytes: model.size, sha256: model.sha256 },
    mmproj: { name: names.mmproj, bytes: mmproj.size, sha256: mmproj.sha256 },
  };
  await writeModelManifest(dir, manifest);
  // One folder holds one quantisation: files of one pulled before are replaced by this one.
  for (const name of await readdir(dir)) {
    if (name.endsWith(".gguf") && name !== names.model && name !== names.mmproj) await rm(join(dir, name), { force: true });
  }
  report({ phase: "done", receivedBytes: total, totalBytes: total, bytesPerSecond: 0, etaSeconds: 0 });
  return manifest;
}

function interrupted(dir: string, received: number, total: number, cause: unknown): ModelDownloadError {
  const e = cause as { code?: string; message?: string };
  if (e.code === "ENOSPC") return new ModelDownloadError("NO_DISK_SPACE", `the disk holding ${dir} filled up during the download; free some space and pull again to resume`, { cause });
  return new ModelDownloadError("DOWNLOAD_INTERRUPTED", `the download stopped at ${gb(received)} of ${gb(total)} (${e.message ?? String(cause)}); run the same pull again to resume from there`, { cause });
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
