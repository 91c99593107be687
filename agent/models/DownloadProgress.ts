/** One progress report of a pull (model + mmproj together). */
export interface DownloadProgress {
  readonly modelId: string;
  readonly phase: "checking" | "downloading" | "verifying" | "done";
  readonly receivedBytes: number;
  readonly totalBytes: number;
  /** Averaged over the last seconds; 0 until known. */
  readonly bytesPerSecond: number;
  /** Seconds left at the current speed; undefined until known. */
  readonly etaSeconds: number | undefined;
}

/** Turns raw byte counts into progress with a smoothed speed and an ETA. */
export function progressMeter(modelId: string, now: () => number = () => performance.now()): (received: number, total: number) => DownloadProgress {
  let last: { t: number; bytes: number } | undefined;
  let speed = 0;
  return (received, total) => {
    const t = now();
    if (last && t > last.t) {
      const instant = ((received - last.bytes) * 1000) / (t - last.t);
      speed = speed === 0 ? instant : 0.8 * speed + 0.2 * instant;
    }
    if (!last || t - last.t >= 200) last = { t, bytes: received };
    const eta = speed > 0 ? Math.max(0, (total - received) / speed) : undefined;
    return { modelId, phase: "downloading", receivedBytes: received, totalBytes: total, bytesPerSecond: Math.max(0, speed), etaSeconds: eta };
  };
}
