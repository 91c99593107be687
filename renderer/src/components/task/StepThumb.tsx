import { useEffect, useRef } from "react";
import { useAppStore } from "../../store/StoreContext.js";
import { shotKey } from "../../store/historySlice.js";

/** A step's screenshot as a thumbnail, fetched when it scrolls into view. */
export function StepThumb({ runId, step, hasScreenshot }: { runId: string; step: number; hasScreenshot: boolean }) {
  const shot = useAppStore((s) => s.stepShots[shotKey(runId, step)]);
  const loadStepShot = useAppStore((s) => s.loadStepShot);
  const box = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!hasScreenshot || shot || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        observer.disconnect();
        void loadStepShot(runId, step);
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [runId, step, hasScreenshot, shot, loadStepShot]);

  return (
    <span className="thumb" ref={box}>
      {shot && "url" in shot ? <img src={shot.url} alt="" /> : <span className="thumb-none">{hasScreenshot ? "…" : "no image"}</span>}
    </span>
  );
}
