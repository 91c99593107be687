import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { deskpilot } from "../../support/cli.js";

describe("deskpilot ground / ask / eval usage errors (exit 2, a message that says what to do)", () => {
  const cases: [string[], RegExp][] = [
    [["ground", "shot.png", "Save"], /choose one model: --model-id ID, --model FILE --mmproj FILE, or --endpoint URL --remote-model NAME/],
    [["ground", "shot.png", "Save", "--model", "m.gguf"], /needs both --model TEXT.gguf and --mmproj MMPROJ.gguf/],
    [["ground", "shot.png", "Save", "--endpoint", "http://127.0.0.1:9/v1"], /--endpoint needs --remote-model NAME/],
    [["ground", "shot.png", "Save", "--endpoint", "127.0.0.1:8080", "--remote-model", "x"], /is not a URL/],
    [["ground", "Save", "--model", "m", "--mmproj", "p"], /give an IMAGE file and the QUERY/],
    [["ground", "shot.png", "Save", "--mode", "circle", "--model", "m", "--mmproj", "p"], /--mode is point or box/],
    [["ground", "shot.png", "Save", "--model", "m", "--mmproj", "p", "--max-image-tokens", "lots"], /--max-image-tokens must be a whole number/],
    [["ask", "--screen", "a", "b", "--model", "m", "--mmproj", "p"], /with --screen give just the QUESTION/],
    [["eval", "/nonexistent/screenspot", "--model", "m", "--mmproj", "p"], /dataset \/nonexistent\/screenspot does not exist/],
    [["ground", "shot.png", "Save", "--grounding-prompt", "xml", "--model", "m", "--mmproj", "p"], /--grounding-prompt is json or tool-call, not "xml"/],
    [["ground", "shot.png", "Save", "--grounding-prompt", "json,tool-call", "--model", "m", "--mmproj", "p"], /takes one prompt here/],
    [["ground", "shot.png", "Save", "--mode", "box", "--grounding-prompt", "tool-call", "--model", "m", "--mmproj", "p"], /tool-call answers a point only/],
    [
      ["eval", "/nonexistent/screenspot", "--grounding-prompt", "json,boxes", "--model", "m", "--mmproj", "p"],
      /a comma-separated list of json or tool-call, not "boxes"/,
    ],
  ];
  for (const [args, message] of cases) {
    test(args.join(" "), async () => {
      const r = await deskpilot(args);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, message);
    });
  }

  test("an unreadable image is a failure (exit 1) naming the file", async () => {
    const r = await deskpilot(["ground", "/nonexistent.png", "Save", "--endpoint", "http://127.0.0.1:9", "--remote-model", "x"]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /\/nonexistent\.png is not a readable image/);
  });
});
