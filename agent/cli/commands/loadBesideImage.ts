import type { SourceImage } from "../../frames/SourceImage.js";

/**
 * Reads the image while the model loads, since neither waits for the other: the process's
 * start-up, the engine host's start and the model load overlap the decode. A bad image stops
 * the load at once (its error is the one reported); a failed load disposes nothing it did not get.
 */
export async function loadBesideImage<M extends { dispose(): Promise<void> }>(
  image: () => Promise<SourceImage>,
  load: (signal: AbortSignal) => Promise<M>,
): Promise<{ image: SourceImage; model: M }> {
  const abort = new AbortController();
  const loading = load(abort.signal);
  loading.catch(() => undefined); // a load that fails while the image is read is reported below, not as unhandled
  let decoded: SourceImage;
  try {
    decoded = await image();
  } catch (error) {
    abort.abort(error);
    await loading.then((m) => m.dispose()).catch(() => undefined);
    throw error;
  }
  return { image: decoded, model: await loading };
}
