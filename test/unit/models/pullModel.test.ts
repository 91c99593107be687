import { test, describe, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pullModel, type PullOptions } from "../../../agent/models/pullModel.js";
import type { DownloadProgress } from "../../../agent/models/DownloadProgress.js";
import { listInstalledModels } from "../../../agent/models/listInstalledModels.js";
import { FakeHub } from "../../support/fakeHub.js";
import { tinyPair, TINY_ENTRY } from "../../support/tinyPair.js";

const quant = TINY_ENTRY.quants[0]!;
let hub: FakeHub;
const dirs: string[] = [];

function modelsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "deskpilot-models-"));
  dirs.push(dir);
  return dir;
}

function pull(dir: string, extra: Partial<PullOptions> = {}) {
  return pullModel({ entry: TINY_ENTRY, quant, modelsDir: dir, hub: hub.url, stallTimeoutMs: 1000, ...extra });
}

describe("pullModel against a local hub (redirects, Range, ETag)", { timeout: 120_000 }, () => {
  before(async () => {
    const pair = tinyPair();
    hub = new FakeHub();
    await hub.start();
    hub.add(TINY_ENTRY.repo, quant.text.path, pair.model);
    hub.add(TINY_ENTRY.repo, TINY_ENTRY.mmproj.path, pair.mmproj);
  });
  after(async () => {
    await hub.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  test("downloads model + mmproj together with progress, verifies them and lists the model as installed", async () => {
    const dir = modelsDir();
    const events: DownloadProgress[] = [];
    const manifest = await pull(dir, { onProgress: (p) => events.push(p) });
    const { model, mmproj } = tinyPair();
    assert.equal(manifest.model.bytes, model.length);
    assert.equal(manifest.mmproj.bytes, mmproj.length);
    assert.match(manifest.model.sha256 ?? "", /^[0-9a-f]{64}$/);
    const downloading = events.filter((e) => e.phase === "downloading");
    assert.ok(downloading.length >= 3, `several progress events (${downloading.length})`);
    assert.ok(downloading.every((e, i) => i === 0 || e.receivedBytes >= downloading[i - 1]!.receivedBytes));
    assert.equal(downloading.at(-1)?.totalBytes, model.length + mmproj.length);
    assert.ok(downloading.some((e) => e.bytesPerSecond > 0 && e.etaSeconds !== undefined));
    assert.deepEqual(
      events.map((e) => e.phase).filter((p, i, a) => p !== a[i - 1]),
      ["checking", "downloading", "verifying", "done"],
    );
    assert.ok(
      hub.requests.some((r) => r.path.includes("/resolve/main/") && r.method === "GET"),
      "went through the hub's redirect",
    );
    const installed = await listInstalledModels(dir);
    assert.deepEqual(
      installed.map((m) => [m.id, m.quant]),
      [["tiny-vl", "F16"]],
    );

    hub.requests.length = 0;
    await pull(dir);
    assert.deepEqual(hub.requests, [], "a second pull of an installed model asks nothing of the hub (it works offline)");
  });

  test("an interrupted download resumes from where it stopped", async () => {
    const dir = modelsDir();
    const size = tinyPair().model.length + tinyPair().mmproj.length;
    hub.requests.length = 0;
    // The downloader saves whole 5 MiB chunks: stop after a few have landed.
    hub.stallAfterBytes(20 << 20);
    try {
      await assert.rejects(pull(dir), { code: "DOWNLOAD_INTERRUPTED", message: /run the same pull again to resume/ });
    } finally {
      hub.release(true);
    }
    assert.ok(
      readdirSync(join(dir, "tiny-vl")).some((f) => f.endsWith(".ipull")),
      "the partial file is kept",
    );
    assert.deepEqual(await listInstalledModels(dir), [], "a partial download is not a model");
    hub.bodyBytes = 0;
    await pull(dir);
    const second = hub.bodyBytes;
    assert.ok(second < size * 0.8, `the second pull fetched ${second} of ${size} bytes`);
    assert.equal((await listInstalledModels(dir)).length, 1);
  });

  test("a corrupt download (bytes differ from the published SHA-256) is rejected and removed", async () => {
    const dir = modelsDir();
    const bad = Buffer.from(tinyPair().mmproj);
    bad.writeUInt32LE(0xdeadbeef, bad.length - 64);
    hub.corrupt(TINY_ENTRY.repo, TINY_ENTRY.mmproj.path, bad);
    try {
      await assert.rejects(pull(dir), { code: "DOWNLOAD_CORRUPT", message: /SHA-256/ });
    } finally {
      hub.corrupt(TINY_ENTRY.repo, TINY_ENTRY.mmproj.path, tinyPair().mmproj);
    }
    assert.deepEqual(readdirSync(join(dir, "tiny-vl")), []);
    assert.deepEqual(await listInstalledModels(dir), []);
  });

  test("a file that is not a usable GGUF is rejected even when its hash matches", async () => {
    const dir = modelsDir();
    const repo = "test-org/Truncated-GGUF";
    hub.add(repo, quant.text.path, tinyPair().model.subarray(0, tinyPair().model.length - (1 << 20)));
    hub.add(repo, TINY_ENTRY.mmproj.path, tinyPair().mmproj);
    await assert.rejects(pull(dir, { entry: { ...TINY_ENTRY, repo } }), { code: "DOWNLOAD_CORRUPT", message: /truncated/ });
    assert.deepEqual(await listInstalledModels(dir), []);
  });

  test("cancel stops the download and leaves no partial file and no model", async () => {
    const dir = modelsDir();
    hub.stallAfterBytes(4 << 20);
    const controller = new AbortController();
    const pulling = pull(dir, { signal: controller.signal, stallTimeoutMs: 30_000, onProgress: (p) => p.receivedBytes > 0 && controller.abort() });
    try {
      await assert.rejects(pulling, { code: "DOWNLOAD_CANCELLED" });
    } finally {
      hub.release(true);
    }
    assert.deepEqual(
      readdirSync(join(dir, "tiny-vl")).filter((f) => f.endsWith(".ipull")),
      [],
    );
    assert.deepEqual(await listInstalledModels(dir), []);
  });

  test("clear errors: a missing file (404), no hub (refused), no disk space", async () => {
    const dir = modelsDir();
    // A repository the hub says does not exist: named, before any download.
    const missing = { ...TINY_ENTRY, repo: "test-org/Gone-GGUF" };
    hub.requests.length = 0;
    await assert.rejects(pull(dir, { entry: missing }), {
      code: "HUB_REPO_NOT_FOUND",
      message: /has no repository test-org\/Gone-GGUF.*nothing was downloaded.*models list.*models use --model FILE --mmproj FILE/,
    });
    assert.deepEqual(
      hub.requests.map((r) => r.path),
      ["/api/models/test-org/Gone-GGUF/tree/main"],
      "only the listing was asked",
    );
    // A mirror without the listing API: the catalog's names are tried, and the hub's 404 explained.
    hub.listing = false;
    try {
      await assert.rejects(pull(dir, { entry: missing }), { code: "HUB_FILE_NOT_FOUND", message: /404.*models use/ });
    } finally {
      hub.listing = true;
    }
    const closed = new FakeHub();
    const deadUrl = await closed.start();
    await closed.close();
    const started = Date.now();
    await assert.rejects(pull(dir, { hub: deadUrl }), { code: "HUB_UNREACHABLE", message: /ECONNREFUSED.*HF_ENDPOINT/ });
    assert.ok(Date.now() - started < 5000, "fails in seconds, not after the downloader's retries");
    await assert.rejects(pull(dir, { freeBytes: async () => 10e6 }), { code: "NO_DISK_SPACE", message: /needs 26\.0 MB and 10\.0 MB is free/ });
    assert.ok(!existsSync(join(dir, "tiny-vl", "deskpilot-model.json")));
  });
});
