// Plays Electron's utility process for a Node child: `process.parentPort` over Node's IPC, with
// messages wrapped as { data } the way Electron delivers them, then loads the entry module.
import { pathToFileURL } from "node:url";

const entry = process.argv[2];
if (!entry) throw new Error("usage: utilityProcessShim ENTRY_PATH");
Object.assign(process, {
  parentPort: {
    postMessage: (message: unknown) => process.send?.(message),
    on: (_event: "message", listener: (event: { data: unknown }) => void) => process.on("message", (data) => listener({ data })),
  },
});
await import(pathToFileURL(entry).href);
