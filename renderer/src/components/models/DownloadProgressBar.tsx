import type { DownloadState } from "../../store/modelsSlice.js";
import { formatBytes, formatDuration } from "./formatBytes.js";

/** A running download: a bar, bytes so far, speed and time left, and the way to stop it. */
export function DownloadProgressBar({ title, download, onCancel }: { title: string; download: DownloadState; onCancel: () => void }) {
  const { receivedBytes, totalBytes, bytesPerSecond, etaSeconds, cancelling } = download;
  const known = totalBytes > 0;
  const verifying = known && receivedBytes >= totalBytes;
  const detail = !known
    ? "Asking the hub for the files…"
    : verifying
      ? "Verifying the files…"
      : [
          `${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)}`,
          bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : undefined,
          etaSeconds !== undefined ? `${formatDuration(etaSeconds)} left` : undefined,
        ]
          .filter(Boolean)
          .join(" · ");
  return (
    <div className="download">
      <progress aria-label={`Downloading ${title}`} max={known ? totalBytes : undefined} value={known ? receivedBytes : undefined} />
      <span className="download-detail" role="status">
        {cancelling ? "Cancelling…" : detail}
      </span>
      <button type="button" onClick={onCancel} disabled={cancelling || verifying}>
        Cancel download
      </button>
    </div>
  );
}
