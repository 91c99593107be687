import type { AddonGenerateRequest } from "../../../../native/AddonTypes.js";
import type { HostChannel, SpawnHost } from "../../../../agent/vision/HostChannel.js";
import type { HostLoadOptions, HostReply, HostRequest } from "../../../../agent/vision/hostProtocol.js";
import { smartResize } from "../../../../agent/geometry/smartResize.js";

/** What the scripted engine saw: the load's mtmd bounds, and per request the image it got and the frame mtmd made of it. */
export interface Seen {
  load?: HostLoadOptions;
  images: { width: number; height: number; encoded: { width: number; height: number; tokens: number } }[];
  requests: AddonGenerateRequest[];
}

/**
 * An engine host that answers like llama.cpp's mtmd: each image it is sent is smart-resized once
 * more within the image_min/max_tokens it was loaded with (projector defaults 8…4096), which is
 * what it encodes and reports; a prompt and answer past the loaded context size are refused with
 * the addon's CONTEXT_TOO_SMALL. Text counts about 4 characters a token.
 */
export function mtmdLikeHost(seen: Seen, answer: string | ((request: AddonGenerateRequest) => string | { code: string; message: string })): SpawnHost {
  return () => {
    let onMessage: (m: HostReply) => void = () => undefined;
    let onExit: (how: string) => void = () => undefined;
    const channel: HostChannel = {
      pid: 4343,
      send: (m: HostRequest) => {
        if (m.type === "load") {
          seen.load = m.options;
          setImmediate(() =>
            onMessage({ type: "done", id: m.id, value: { nEmbd: 64, contextSize: m.options.contextSize, gpuLayers: 0, devices: [], pid: 4343 } }),
          );
        } else if (m.type === "generate") {
          seen.requests.push(m.request);
          const reply = typeof answer === "string" ? answer : answer(m.request);
          if (typeof reply !== "string") {
            setImmediate(() => onMessage({ type: "error", id: m.id, error: reply }));
            return;
          }
          const min = seen.load!.imageMinTokens || 8;
          const max = seen.load!.imageMaxTokens || 4096;
          const encoded = (m.request.images ?? []).map((i) => smartResize(i.width, i.height, min, max));
          (m.request.images ?? []).forEach((i, k) => seen.images.push({ width: i.width, height: i.height, encoded: encoded[k]! }));
          const last = encoded.at(-1);
          // Text counted at about 4 characters a token; images at their encoded frame, as the engine counts them.
          const text =
            (m.request.messages ?? []).reduce((n, msg) => n + Math.ceil(msg.content.length / 4) + 4, 0) + Math.ceil((m.request.prompt ?? "").length / 4);
          const promptTokens = text + encoded.reduce((n, f) => n + f.tokens, 0);
          if (promptTokens + m.request.maxTokens > seen.load!.contextSize) {
            const error = {
              code: "CONTEXT_TOO_SMALL",
              message: `prompt (${promptTokens} tokens) + maxTokens (${m.request.maxTokens}) exceed the context size ${seen.load!.contextSize}; raise contextSize or lower maxImageTokens`,
            };
            setImmediate(() => onMessage({ type: "error", id: m.id, error }));
            return;
          }
          const value = {
            text: reply,
            stopReason: "eog",
            promptTokens,
            imageTokens: last?.tokens ?? 0,
            imageNx: (last?.width ?? 0) / 28,
            imageNy: (last?.height ?? 0) / 28,
            generatedTokens: 5,
            reusedTokens: 0,
            contextTokens: m.request.keepContext ? promptTokens : 0,
            encodedImages: encoded.length,
            timings: { prepareMs: 0, encodeMs: 1, prefillMs: 1, decodeMs: 1 },
          };
          setImmediate(() => onMessage({ type: "done", id: m.id, value }));
        } else if (m.type === "dispose") {
          setImmediate(() => {
            onMessage({ type: "done", id: m.id, value: null });
            onExit("exit code 0");
          });
        }
      },
      onMessage: (l) => (onMessage = l),
      onExit: (l) => (onExit = l),
      kill: () => setImmediate(() => onExit("signal SIGKILL")),
    };
    return channel;
  };
}
