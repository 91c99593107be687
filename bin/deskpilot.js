#!/usr/bin/env node
// Thin launcher: the CLI lives in the compiled agent core.
import { main } from "../dist/agent/cli/main.js";

process.exitCode = await main(process.argv);
