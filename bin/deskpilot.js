#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled agent core. A command that loads the local model
// gets its engine host started first, so that start overlaps the CLI's own (startHostEarly).
import { startHostEarlyFor } from "../dist/agent/cli/startHostEarly.js";

startHostEarlyFor(process.argv);
const { main } = await import("../dist/agent/cli/main.js");
process.exitCode = await main(process.argv);
