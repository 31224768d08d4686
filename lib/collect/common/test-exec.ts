import type { Exec, ExecResult } from "@/lib/domain/snapshot";
import { readCapture } from "./test-fixtures";

// Test-only: an Exec that answers with real captures from tests/fixtures, by exact command.
// Anything else fails like a missing command on the host (exit 127), so fallbacks are exercised.
export type Replies = Record<string, string | ExecResult>;

export const notFound = (command: string): ExecResult => ({
  stdout: "",
  stderr: `sh: ${command.split(" ")[0]}: not found\n`,
  exitCode: 127,
  durationMs: 1,
});

export function replayCaptures(replies: Replies): Exec & { calls: string[] } {
  const calls: string[] = [];
  const exec = async (command: string): Promise<ExecResult> => {
    calls.push(command);
    const reply = replies[command];
    if (reply === undefined) return notFound(command);
    if (typeof reply !== "string") return reply;
    return { stdout: readCapture(reply), stderr: "", exitCode: 0, durationMs: 1 };
  };
  return Object.assign(exec, { calls });
}
