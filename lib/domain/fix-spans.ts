// Reads one line of a finding's fix text (built by lib/analysis/fix-text.ts) into prose and
// code spans, by CommonMark's code-span rule: a run of n backticks opens a span that the next
// run of exactly n backticks closes; a run nothing closes is literal text. In prose \` and \\
// stand for a backtick and a backslash (any other backslash is literal, so a Windows path in
// prose reads as written); inside a span nothing is escaped. Splitting on every backtick,
// as the renderer once did, let a backtick in a host's interface name turn prose into a
// command and a command into prose. Read by the finding cards (components/findings/fix-text.tsx)
// and by notifications (lib/notify), so both show the same commands.

export type FixSpan = { code: boolean; text: string };

export function fixSpans(line: string): FixSpan[] {
  const out: FixSpan[] = [];
  let prose = "";
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    const next = line[i + 1];
    if (c === "\\" && (next === "`" || next === "\\")) {
      prose += next;
      i += 2;
      continue;
    }
    if (c !== "`") {
      prose += c;
      i += 1;
      continue;
    }
    const n = runLength(line, i);
    const close = closingRun(line, i + n, n);
    if (close === -1) {
      prose += "`".repeat(n);
      i += n;
      continue;
    }
    if (prose) out.push({ code: false, text: prose });
    prose = "";
    let text = line.slice(i + n, close);
    if (text.length >= 2 && text.startsWith(" ") && text.endsWith(" ") && text.trim() !== "") text = text.slice(1, -1);
    out.push({ code: true, text });
    i = close + n;
  }
  if (prose) out.push({ code: false, text: prose });
  return out;
}

function runLength(s: string, at: number): number {
  let j = at;
  while (s[j] === "`") j++;
  return j - at;
}

/** Where the next run of exactly n backticks starts, or -1. */
function closingRun(s: string, from: number, n: number): number {
  for (let j = s.indexOf("`", from); j !== -1; ) {
    const len = runLength(s, j);
    if (len === n) return j;
    j = s.indexOf("`", j + len);
  }
  return -1;
}
