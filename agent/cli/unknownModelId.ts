import { UsageError } from "../errors/UsageError.js";
import { findCatalogEntry, MODEL_CATALOG } from "../models/modelCatalog.js";
import { nearestName } from "./nearestName.js";

/**
 * A usage error for a model id that is neither in the catalog nor among `installed`, or undefined
 * when the id is known. It names the nearest id when the typed one looks like a typo, so the
 * advice is never to pull a model that does not exist.
 */
export function unknownModelId(id: string, installed: readonly string[] = []): UsageError | undefined {
  if (findCatalogEntry(id) || installed.includes(id)) return undefined;
  const known = [...new Set([...MODEL_CATALOG.map((m) => m.id), ...installed])];
  const near = nearestName(id, known);
  return new UsageError(
    near
      ? `no model ${id} in the catalog; did you mean ${near}? (\`deskpilot models list\` shows every id)`
      : `no model ${id} in the catalog; choose one of ${known.join(", ")} (\`deskpilot models list\` shows sizes and fit)`,
  );
}
