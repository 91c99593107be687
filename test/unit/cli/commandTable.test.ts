import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { Help } from "commander";
import { COMMANDS, requestedCommand } from "../../../agent/cli/commandTable.js";
import { buildProgram } from "../../../agent/cli/main.js";
import { MemoryStream } from "../../support/memoryStream.js";
import { repoRoot } from "../../support/repoRoot.js";

const ctx = () => ({ out: new MemoryStream(), err: new MemoryStream() });

/** The modules a fresh `deskpilot ARGS` process has loaded when it exits: node_modules packages only. */
function packagesLoadedBy(...args: string[]): string[] {
  const script = `
    import { createRequire } from "node:module";
    const { main } = await import(${JSON.stringify(join(repoRoot, "dist", "agent", "cli", "main.js"))});
    const sink = { write: () => true };
    await main(["node", "deskpilot", ...${JSON.stringify(args)}], { out: sink, err: sink });
    const seen = new Set(Object.keys(createRequire(import.meta.url).cache).map((f) => f.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean));
    process.stdout.write(JSON.stringify([...seen].sort()));`;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as string[];
}

describe("the command table (lazy top-level commands)", () => {
  test("each entry's help term and description are what its module declares, in the help's order", async () => {
    const program = await buildProgram(ctx(), [], true);
    const help = new Help();
    const loaded = program.commands.filter((c) => c.name() !== "help");
    assert.deepEqual(
      loaded.map((c) => ({ name: c.name(), term: help.subcommandTerm(c), description: c.description() })),
      COMMANDS.map(({ name, term, description }) => ({ name, term, description })),
    );
  });

  test("the command asked for is loaded whole; the others are only listed", async () => {
    const program = await buildProgram(ctx(), ["node", "deskpilot", "models", "list", "--json"]);
    const byName = new Map(program.commands.map((c) => [c.name(), c]));
    assert.deepEqual(
      byName.get("models")?.commands.map((c) => c.name()),
      ["list", "pull", "verify", "remove", "path", "use"],
    );
    assert.equal(byName.get("run")?.options.length, 0, "run is a listing, without its options");
    assert.deepEqual([...byName.keys()].sort(), COMMANDS.map((c) => c.name).sort());
  });

  test("`help NAME` and options before the name still find the command; other words find none", () => {
    assert.equal(requestedCommand(["node", "deskpilot", "help", "run"])?.name, "run");
    assert.equal(requestedCommand(["node", "deskpilot", "run", "--max-steps", "3", "open the mail"])?.name, "run");
    assert.equal(requestedCommand(["node", "deskpilot", "--help"]), undefined);
    assert.equal(requestedCommand(["node", "deskpilot", "rn"]), undefined);
  });

  test("--version and --help load commander and nothing else; a command loads its own stack", () => {
    assert.deepEqual(packagesLoadedBy("--version"), ["commander"]);
    assert.deepEqual(packagesLoadedBy("--help"), ["commander"]);
    // the other half, so the check above cannot pass by seeing nothing at all
    assert.ok(packagesLoadedBy("capture", "--help").includes("sharp"), "capture's module brings sharp");
  });
});
