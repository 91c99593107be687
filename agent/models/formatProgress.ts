import type { DownloadProgress } from "./DownloadProgress.js";

/** One human line for a progress report: `qwen2.5-vl-3b: 1.20 / 3.24 GB (37%), 45.1 MB/s, 46 s left`. */
export function formatProgress(p: DownloadProgress): string {
  if (p.phase === "checking") return `${p.modelId}: checking the hub`;
  if (p.phase === "verifying") return `${p.modelId}: verifying ${gb(p.totalBytes)} GB`;
  if (p.phase === "done") return `${p.modelId}: done`;
  const percent = p.totalBytes > 0 ? Math.floor((p.receivedBytes / p.totalBytes) * 100) : 0;
  const speed = p.bytesPerSecond > 0 ? `, ${(p.bytesPerSecond / 1e6).toFixed(1)} MB/s` : "";
  const eta = p.etaSeconds !== undefined && p.bytesPerSecond > 0 ? `, ${duration(p.etaSeconds)} left` : "";
  return `${p.modelId}: ${gb(p.receivedBytes)} / ${gb(p.totalBytes)} GB (${percent}%)${speed}${eta}`;
}

function gb(bytes: number): string {
  return (bytes / 1e9).toFixed(2);
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.ceil(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}
