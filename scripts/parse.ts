// npm run parse -- <platform> "<command as run on the host>" < output.txt
// Prints the JSON the collectors' own pure parser makes of a captured output (the table is in
// scripts/parse-commands.ts). Exit 0: parsed (lines it could not read are listed in
// "skipped"); 1: nothing could be read (the line it choked on goes to stderr); 2: usage.
import { readFileSync } from "node:fs";
import { PLATFORMS, type Platform } from "@/lib/domain/platform";
import { ANY_PLATFORM, findParser, PLATFORM_PARSERS } from "./parse-commands";

export type CliResult = { code: number; stdout: string; stderr: string };

const USAGE = 'usage: npm run parse -- <platform> "<command as run on the host>" < output.txt';

function json(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? Object.fromEntries(v) : v),
    2,
  );
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof Map) return value.size === 0;
  if (typeof value === "object") return Object.values(value).every(isEmptyValue);
  return false;
}

function commandList(platform: Platform): string {
  return [...PLATFORM_PARSERS[platform], ...ANY_PLATFORM].map((e) => `  ${e.command}`).join("\n");
}

export function run(args: string[], input: string): CliResult {
  const [platform, command, ...extra] = args;
  if (platform === undefined || command === undefined || extra.length > 0) {
    return { code: 2, stdout: "", stderr: `${USAGE}\nplatforms: ${PLATFORMS.join(", ")}\n` };
  }
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    return { code: 2, stdout: "", stderr: `unknown platform "${platform}"; valid platforms: ${PLATFORMS.join(", ")}\n` };
  }
  const entry = findParser(platform as Platform, command);
  if (!entry) {
    return { code: 2, stdout: "", stderr: `no parser for "${command}" on ${platform}; commands netdiag parses there:\n${commandList(platform as Platform)}\n` };
  }
  const parsed = entry.parse(input);
  const out = `${json({ platform, command: entry.command, value: parsed.value, skipped: parsed.skipped })}\n`;
  const empty = parsed.empty ?? isEmptyValue(parsed.value);
  const [first] = parsed.skipped;
  if (empty && first) {
    return { code: 1, stdout: out, stderr: `could not parse the output of "${entry.command}": ${first.reason}\n  at: ${first.line}\n` };
  }
  return { code: 0, stdout: out, stderr: "" };
}

// Run as a script (not when imported by the test).
if (process.argv[1] && /parse\.ts$/.test(process.argv[1])) {
  const result = run(process.argv.slice(2), process.stdin.isTTY ? "" : readFileSync(0, "utf8"));
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
