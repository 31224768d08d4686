// Adds up the runners' JSON reports into one closing line CI can read. Any skipped (or todo)
// test fails the suite: every case must run, in a clone as here, so a skip is never silent.
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
const skippedNames = [];

for (const f of ["unit.json", "integration.json", "integration-pg.json"]) {
  const r = read(f);
  if (!r) continue;
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + (r.numTodoTests ?? 0);
  for (const file of r.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status !== "passed" && t.status !== "failed") {
        skippedNames.push(`${path.relative(process.cwd(), file.name)} > ${t.fullName} (${t.status})`);
      }
    }
  }
}

// Playwright: specs nest in suites; a test's annotations carry the reason given to test.skip().
function playwrightSkips(suite, titles) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status !== "skipped") continue;
      const reason = (t.annotations ?? []).find((a) => a.type === "skip" || a.type === "fixme")?.description;
      skippedNames.push(`${[...here, spec.title].join(" > ")}${reason ? ` (${reason})` : ""}`);
    }
  }
  for (const child of suite.suites ?? []) playwrightSkips(child, here);
}

const e2e = read(`e2e-${process.env.E2E_PORT || 3210}.json`);
if (e2e) {
  passed += e2e.stats.expected + e2e.stats.flaky;
  failed += e2e.stats.unexpected;
  skipped += e2e.stats.skipped;
  for (const suite of e2e.suites ?? []) playwrightSkips(suite, []);
}

if (skipped) {
  console.log(`skipped (every test must run; remove the skip or fix its cause):`);
  for (const name of skippedNames.slice(0, 50)) console.log(`  ${name}`);
  if (skippedNames.length > 50) console.log(`  … and ${skippedNames.length - 50} more`);
}
if (failedStages.length) console.log(`failed stages: ${failedStages.join(", ")}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failedStages.length || failed || skipped ? 1 : 0);
