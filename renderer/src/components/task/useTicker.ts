import { useEffect, useState } from "react";

/** The time now (Date.now()), renewed every `intervalMs` while `on`: what makes an elapsed time tick. */
export function useTicker(on: boolean, intervalMs = 100): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return undefined;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [on, intervalMs]);
  return now;
}
