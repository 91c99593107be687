import type { HardwareInfo } from "../../../../agent/platform/HardwareInfo.js";
import type { RecordedEngineReport } from "../../../../agent/models/engineReportLog.js";
import { formatBytes } from "./formatBytes.js";

const BACKENDS: Record<Exclude<HardwareInfo["gpu"], false>, string> = { cuda: "CUDA", vulkan: "Vulkan", metal: "Metal" };

/** What the engine can use on the DeskPilot machine: GPU backend and memory, or CPU only. */
export function HardwareSummary({ hardware, lastLoad }: { hardware: HardwareInfo; lastLoad?: RecordedEngineReport & { summary: string } }) {
  const ram = `${formatBytes(hardware.ramFree)} of ${formatBytes(hardware.ramTotal)} RAM free`;
  return (
    <>
      <p className="hardware" aria-label="Hardware">
        {hardware.gpu === false ? (
          <>
            <strong>CPU only: no usable GPU</strong> · {ram}
            {hardware.gpuNotes.length > 0 && <span className="hardware-why"> · why: {hardware.gpuNotes.join("; ")}</span>}
          </>
        ) : (
          <>
            <strong>GPU: {BACKENDS[hardware.gpu]}</strong>
            {hardware.gpuNames.length > 0 && ` (${hardware.gpuNames.join(", ")})`} ·{" "}
            {hardware.unifiedMemory ? "unified memory" : `${formatBytes(hardware.vramFree)} of ${formatBytes(hardware.vramTotal)} VRAM free`} · {ram}
            {hardware.gpuNotes.length > 0 && <span className="hardware-why"> · {hardware.gpuNotes.join("; ")}</span>}
          </>
        )}
      </p>
      {lastLoad && (
        <p className="hardware" aria-label="Last load">
          Selected model, last loaded {new Date(lastLoad.at).toLocaleString()}: {lastLoad.summary}
        </p>
      )}
    </>
  );
}
