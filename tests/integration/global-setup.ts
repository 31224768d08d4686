import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// A fresh, migrated database for every integration run, made with the same CLI users run.
export default function setup() {
  const dir = path.resolve(__dirname, `../../test-results/integration-${process.env.LAB_PREFIX || "ndt"}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${dir}/netdiag.db` },
    stdio: "pipe",
  });
}
