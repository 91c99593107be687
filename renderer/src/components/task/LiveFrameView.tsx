import type { LiveFrame } from "../../store/runsSlice.js";

/** The screen the run works on now: the latest screen its steps captured, downscaled, renewed at most twice a second. */
export function LiveFrameView({ frame }: { frame: LiveFrame }) {
  return (
    <figure className="live-frame">
      <img src={frame.image} width={frame.width} height={frame.height} alt="Live view of the screen" />
      <figcaption>Live screen · step {frame.step}</figcaption>
    </figure>
  );
}
