// Adds up the runners' JSON reports into one closing line CI can read.
import fs from "node:fs";
import path from "node:path";

const [dir, ...failedStages] = process.argv.slice(2);
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
  } catch {
    return null;
  }
};
let passed = 0, failed = 0, skipped = 0;
for (const f of ["unit.json", "integration.json"]) {
  const r = read(f);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}
const e2e = read(`e2e-${process.env.E2E_PORT || 3210}.json`);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
}
if (failedStages.length) console.log(`failed stages: ${failedStages.join(", ")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStages.length || failed ? 1 : 0);
