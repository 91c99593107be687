import type { DownloadState } from "../../store/modelsSlice.js";
import { formatBytes, formatDuration } from "./formatBytes.js";

/** What the bar says, from the phase the service reports (never guessed from the byte counts). */
function describe({ phase, receivedBytes, totalBytes, bytesPerSecond, etaSeconds }: DownloadState): string {
  if (phase === "checking" || (phase === "downloading" && totalBytes <= 0)) return "Asking the hub for the files…";
  if (phase === "verifying") return "Verifying the files (header, architecture, projector, size)…";
  if (phase === "done") return "Verified; finishing…";
  return [
    `${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)}`,
    bytesPerSecond > 0 ? `${formatBytes(bytesPerSecond)}/s` : undefined,
    etaSeconds !== undefined ? `${formatDuration(etaSeconds)} left` : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A running download: a bar, bytes so far, speed and time left, and the way to stop it. */
export function DownloadProgressBar({ title, download, onCancel }: { title: string; download: DownloadState; onCancel: () => void }) {
  const { phase, receivedBytes, totalBytes, cancelling } = download;
  const known = totalBytes > 0;
  // The bytes are all in once the files are being checked; a cancel then would delete the whole download.
  const settled = phase === "verifying" || phase === "done";
  return (
    <div className="download" data-phase={phase}>
      <progress aria-label={`Downloading ${title}`} max={known ? totalBytes : undefined} value={known ? receivedBytes : undefined} />
      <span className="download-detail" role="status">
        {cancelling ? "Cancelling…" : describe(download)}
      </span>
      <button type="button" onClick={onCancel} disabled={cancelling || settled}>
        Cancel download
      </button>
    </div>
  );
}
