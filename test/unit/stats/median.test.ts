import { test } from "node:test";
import assert from "node:assert/strict";
import { median } from "../../../agent/stats/median.js";

test("median: the middle value, the mean of the middle two for an even count, 0 for none; the input is left unsorted", () => {
  const input = [30, 10, 20];
  assert.equal(median(input), 20);
  assert.deepEqual(input, [30, 10, 20]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(median([7]), 7);
  assert.equal(median([]), 0);
  // numeric order, not the default string order of Array.prototype.sort
  assert.equal(median([100, 9, 20]), 20);
});
