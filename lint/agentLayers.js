// The order of agent/'s folders, lowest first: a folder imports only from folders before it (and
// from itself). Enforced by the `deskpilot/agent-layers` rule below, which eslint.config.js turns
// on for agent/; test/unit/importDirection.test.ts plants a violation and fails if it goes away.
// Written here rather than taken from eslint-plugin-boundaries or import/no-restricted-paths:
// both need a TypeScript import resolver to map our `.js` specifiers to `.ts` files, and the
// whole rule is a folder rank comparison on relative specifiers.
import { dirname, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const AGENT_LAYERS = [
  "errors", // DeskPilotError and the errors every layer throws
  "stats", // the statistics benchmarks and reports share (median)
  "geometry", // points, rects, displays, model frames and the mappings between their pixel spaces
  "ports", // the screen and input interfaces (and the capture they hand out)
  "platform", // the OS and the machine: displays, nut-js, keyboard layout, user folders, safe file writes, hardware facts
  "frames", // source images, and the model frame prepared once from one (its pixels and the mapping back)
  "capture", // screen sources
  "actions", // the input driver and the action vocabulary
  "inputHook", // the global input hook: stop key and recorder events
  "grammar", // GBNF pieces and JSON extraction from model answers
  "net", // the local-only network guard
  "gguf", // GGUF reader/writer and the tiny-model generators
  "vision", // the engine host, model files and their memory
  "profiles", // model families: prompts, grammars, answer parsers, coordinate spaces
  "grounding", // description → place on the screen
  "policy", // what the agent may do, and the target inspectors
  "runs", // run records
  "loop", // the agent loop and its runs controller
  "macros", // recording and replay
  "settings", // the settings file, which unites the features' options (and applies its local-only switch to the network guard)
  "models", // catalog, downloads, hardware fit
  "permissions", // OS permission checks
  "service", // the features united behind one API
  "server", // the panel over WebSocket
  "bench", // benchmarks, outside the production folders
  "cli", // the command line
];

/**
 * Imports allowed against the order, each by the importing folder, the module it reaches up to
 * and why: `{ from: "vision", to: "profiles/ModelProfile", why: "…" }`. Empty since issue 15
 * moved the last of them; a new one needs its reason here. A listed exception whose import is
 * gone is an error too (the list stays true).
 */
export const LAYERING_EXCEPTIONS = [];

const agentRoot = resolve(root, "agent");
const rank = (folder) => AGENT_LAYERS.indexOf(folder);

/** agent/<folder>/… of an absolute path, or undefined outside agent/ (or a file directly in it). */
function placeOf(path) {
  const rel = relative(agentRoot, path);
  if (rel.startsWith("..") || !rel.includes(sep)) return undefined;
  const parts = rel.split(sep);
  return { folder: parts[0], module: parts.join("/").replace(/\.(ts|tsx|mts|js|mjs)$/, "") };
}

const rule = {
  meta: {
    type: "problem",
    docs: { description: "agent/ folders import only from the folders below them (lint/agentLayers.js)" },
    messages: {
      backward:
        "agent/{{from}} sits below agent/{{to}} in the layering (lint/agentLayers.js), so it cannot import {{module}}: move the shared piece down to a folder both can import, or invert the dependency",
      unranked: "agent/{{folder}} is not in AGENT_LAYERS (lint/agentLayers.js): add it where it belongs in the order",
    },
    schema: [],
  },
  create(context) {
    const here = placeOf(context.filename);
    if (!here) return {};
    if (rank(here.folder) < 0) {
      return { Program: (node) => context.report({ node, messageId: "unranked", data: { folder: here.folder } }) };
    }
    const check = (node, source) => {
      if (typeof source !== "string" || !source.startsWith(".")) return;
      const target = placeOf(resolve(dirname(context.filename), source));
      if (!target || target.folder === here.folder) return;
      if (rank(target.folder) < 0) {
        context.report({ node, messageId: "unranked", data: { folder: target.folder } });
        return;
      }
      if (rank(target.folder) < rank(here.folder)) return;
      if (LAYERING_EXCEPTIONS.some((e) => e.from === here.folder && e.to === target.module)) return;
      context.report({ node, messageId: "backward", data: { from: here.folder, to: target.folder, module: target.module } });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === "Literal" && check(node, node.source.value),
    };
  },
};

export const agentLayersPlugin = { rules: { "agent-layers": rule } };
