import type { SkippedLine } from "@/lib/domain/rows";
import { splitAtColon, splitLines } from "@/lib/collect/common/lines";

/*
 * esxcli's default output for lists of objects:
 *   vmk0
 *      Name: vmk0
 *      MAC Address: 00:50:56:6c:01:11
 * A title line opens a block; "Key: Value" lines indented under it fill it ("Beacon Required
 * By:" has an empty value). Values keep their inner spaces.
 *
 * The title is told by its indentation relative to the fields, not by column 0: the outputs
 * users paste come from published copies that indent the whole block. Broadcom's VCF 9.0 docs
 * put vmk10 at column 3 and its fields at 6 (a markdown list item), a markdown indented code
 * block puts titles at 4 (tests/fixtures/esxi/*__vcf9-nsx-docs-*, *__navinrio-*). Read from
 * column 0 only, every line of those was "field before any object name".
 *
 * A page that lost the indentation altogether (titles and fields at one column) still reads:
 * there a "Key: Value" line at the title's column belongs to the block, as long as the block
 * has no deeper-indented field. Anything else at or left of the title's column opens a block.
 */
export type KvBlock = { title: string; fields: Map<string, string> };

type Open = { block: KvBlock; indent: number; fieldIndent: number | null };

const indentOf = (line: string) => line.length - line.trimStart().length;

export function readKvBlocks(stdout: string): { blocks: KvBlock[]; skipped: SkippedLine[] } {
  const blocks: KvBlock[] = [];
  const skipped: SkippedLine[] = [];
  let open: Open | null = null;
  for (const line of splitLines(stdout)) {
    const text = line.trim();
    if (text === "") continue;
    const indent = indentOf(line);
    const kv = splitAtColon(text);
    const key = kv?.key.trim() ?? "";
    const field = kv !== null && key !== "" ? { key, value: kv.value.trim() } : null;
    const flat = open !== null && indent === open.indent && field !== null && (open.fieldIndent ?? indent) === indent;
    if (open !== null && (indent > open.indent || flat)) {
      if (field === null) {
        skipped.push({ line, reason: "expected Key: Value" });
        continue;
      }
      open.fieldIndent ??= indent;
      open.block.fields.set(field.key, field.value);
      continue;
    }
    if (field !== null && open === null) {
      skipped.push({ line, reason: "field before any object name" });
      continue;
    }
    const block: KvBlock = { title: text, fields: new Map() };
    blocks.push(block);
    open = { block, indent, fieldIndent: null };
  }
  return { blocks, skipped };
}
