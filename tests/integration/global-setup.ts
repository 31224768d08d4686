import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// A fresh, migrated database for every integration run, made with the same CLI users run.
export default function setup() {
  const dir = path.resolve(__dirname, `../../test-results/integration-${process.env.LAB_PREFIX || "ndt"}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const env = { ...process.env, DATABASE_URL: `file:${dir}/netdiag.db`, CHECKPOINT_DISABLE: "1" };
  if (process.env.NETDIAG_SCHEMA_DIRECT === "1") {
    execFileSync("bash", [path.resolve(__dirname, "../../scripts/db-from-schema.sh"), `${dir}/netdiag.db`], { env, stdio: "pipe" });
  } else {
    execFileSync("npx", ["prisma", "migrate", "deploy"], { env, stdio: "pipe" });
  }
}
