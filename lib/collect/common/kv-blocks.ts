import type { SkippedLine } from "@/lib/domain/rows";
import { splitAtColon, splitLines } from "./lines";

/*
 * esxcli's default output for lists of objects:
 *   vmk0
 *      Name: vmk0
 *      MAC Address: 00:50:56:6c:01:11
 * A line at column 0 opens a block; indented "Key: Value" lines fill it ("Beacon Required By:"
 * has an empty value). Values keep their inner spaces.
 */
export type KvBlock = { title: string; fields: Map<string, string> };

export function readKvBlocks(stdout: string): { blocks: KvBlock[]; skipped: SkippedLine[] } {
  const blocks: KvBlock[] = [];
  const skipped: SkippedLine[] = [];
  let current: KvBlock | null = null;
  for (const line of splitLines(stdout)) {
    if (line.trim() === "") continue;
    if (!/^\s/.test(line)) {
      current = { title: line.trim(), fields: new Map() };
      blocks.push(current);
      continue;
    }
    const kv = splitAtColon(line);
    const key = kv?.key.trimStart() ?? "";
    if (!current || !kv || key === "") {
      skipped.push({ line, reason: current ? "expected Key: Value" : "field before any object name" });
      continue;
    }
    current.fields.set(key, kv.value.trim());
  }
  return { blocks, skipped };
}
