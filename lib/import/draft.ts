import { HOST_NAME, HOST_NAME_MAX, isValidAddress, PORT_MAX, PORT_MIN, USERNAME } from "@/lib/validations/host-rules";

// What an import proposes before anything is saved: host drafts, and problems tied to the line
// that caused them, for a preview the user confirms. The parsers never throw on bad input; a
// host netdiag would refuse becomes an error on its line instead of a draft.

export type DraftSource = "ssh-config" | "ansible";

export type HostDraft = {
  name: string;
  address: string;
  port: number;
  /** null when the file does not say (ssh would use the local user name, Ansible its default). */
  username: string | null;
  /** A path as written in the file ("~/.ssh/id_ed25519"); the key itself is pasted separately. */
  identityFile: string | null;
  /** 1-based line where the host is first named. */
  line: number;
  /** The included file (its key in `includes`) the line belongs to; absent for the text itself. */
  file?: string;
  source: DraftSource;
};

export type ImportProblem = {
  /** 1-based line of the text, or of `file` when set. */
  line: number;
  file?: string;
  severity: "error" | "warning";
  message: string;
  /** The host the problem is about, when it is about one. */
  host?: string;
};

export type ImportResult = { drafts: HostDraft[]; problems: ImportProblem[] };

/** A value and where it was written, so a refusal points at the line that set it. */
export type Located<T> = { value: T; line: number; file?: string };

export const MAX_INPUT_BYTES = 1024 * 1024;
export const MAX_HOSTS = 5000;

/** UTF-8 length without encoding the text (it may be the 1 MiB we are about to refuse). */
export function utf8Length(text: string, stopAbove = Infinity): number {
  let n = 0;
  for (let i = 0; i < text.length && n <= stopAbove; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      n += 4; // a surrogate pair is one 4-byte code point
      i++;
    } else n += 3;
  }
  return n;
}

export function tooLargeProblem(text: string): ImportProblem | null {
  if (utf8Length(text, MAX_INPUT_BYTES) <= MAX_INPUT_BYTES) return null;
  return { line: 1, severity: "error", message: "The text is larger than 1 MiB; netdiag imports at most 1 MiB at once. Split it and import the parts." };
}

export function tooManyHostsProblem(line: number, file?: string): ImportProblem {
  return { line, file, severity: "error", message: `More than ${MAX_HOSTS.toLocaleString("en")} hosts; netdiag imports at most ${MAX_HOSTS.toLocaleString("en")} at once. Split the file and import the parts.` };
}

/**
 * The text without trailing characters from `chars`. A loop, not /[ \t]+$/: that regex backtracks
 * quadratically over a long run of blanks followed by text, which a crafted line can be.
 */
export function trimEndOf(s: string, chars = " \t"): string {
  let end = s.length;
  while (end > 0 && chars.includes(s.charAt(end - 1))) end--;
  return s.slice(0, end);
}

/** Lines without the byte order mark an editor on Windows may put first; CRLF, LF or CR ends a line. */
export function splitLines(text: string): string[] {
  return (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r\n|\n|\r/);
}

function problem(at: { line: number; file?: string }, message: string, host: string): ImportProblem {
  return { line: at.line, file: at.file, severity: "error", message, host };
}

/**
 * Checks the fields the way netdiag's host form does (lib/validations/host-rules) and builds the
 * draft, or says on which lines the refused fields were written.
 */
export function toDraft(
  fields: {
    name: Located<string>;
    address: Located<string>;
    port: Located<number> | null;
    username: Located<string> | null;
    identityFile: string | null;
  },
  source: DraftSource,
): { draft: HostDraft | null; problems: ImportProblem[] } {
  const name = fields.name.value.trim();
  const address = fields.address.value.trim();
  const port = fields.port?.value ?? 22;
  const username = fields.username?.value.trim() ?? null;
  const problems: ImportProblem[] = [];
  if (name.length > HOST_NAME_MAX || !HOST_NAME.test(name)) {
    problems.push(problem(fields.name, `"${name}" cannot be a netdiag host name: use letters, digits, spaces, dots, dashes or underscores, at most ${HOST_NAME_MAX} characters`, name));
  }
  if (!isValidAddress(address)) {
    problems.push(problem(fields.address, `"${address}" is not an IPv4/IPv6 address or DNS name`, name));
  }
  if (!Number.isInteger(port) || port < PORT_MIN || port > PORT_MAX) {
    problems.push(problem(fields.port ?? fields.name, `Port ${port} is not a whole number from ${PORT_MIN} to ${PORT_MAX}`, name));
  }
  if (username !== null && !USERNAME.test(username)) {
    problems.push(problem(fields.username ?? fields.name, `"${username}" cannot be a netdiag user name: use letters, digits and . _ - @ \\ only, at most 64 characters`, name));
  }
  if (problems.length) return { draft: null, problems };
  return {
    draft: {
      name,
      address: address.startsWith("[") ? address.slice(1, -1) : address,
      port,
      username,
      identityFile: fields.identityFile,
      line: fields.name.line,
      ...(fields.name.file === undefined ? {} : { file: fields.name.file }),
      source,
    },
    problems,
  };
}

/** Problems of the text itself first, then each included file, each by line. */
export function sortProblems(problems: ImportProblem[], fileOrder: readonly string[] = []): ImportProblem[] {
  const rank = (p: ImportProblem) => (p.file === undefined ? -1 : fileOrder.indexOf(p.file));
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p) - rank(b.p) || a.p.line - b.p.line || a.i - b.i)
    .map((x) => x.p);
}

export type Duplicate = {
  /** An existing netdiag host, or an earlier draft of the same import. */
  of: "existing" | "draft";
  /** Same name (netdiag refuses a second host of that name), or same address and port. */
  by: "name" | "address";
  name: string;
  /** The earlier draft's line, for `of: "draft"`. */
  line?: number;
  file?: string;
};

export type MarkedDraft = HostDraft & { duplicates: Duplicate[] };

/**
 * Marks what the preview should flag: a draft whose name is taken (names are unique, compared
 * exactly as the database does), or whose address and port an existing host or an earlier draft
 * already has (addresses compared without case: DNS names are case-insensitive). Of two
 * duplicate drafts only the later one is marked, so the first stays selected.
 */
export function markDuplicates(
  drafts: readonly HostDraft[],
  existing: readonly { name: string; address: string; port: number }[],
): MarkedDraft[] {
  const endpoint = (address: string, port: number) => `${address.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase()} ${port}`;
  const existingByName = new Map(existing.map((h) => [h.name, h] as const));
  const existingByEndpoint = new Map(existing.map((h) => [endpoint(h.address, h.port), h] as const));
  const draftByName = new Map<string, HostDraft>();
  const draftByEndpoint = new Map<string, HostDraft>();
  return drafts.map((d) => {
    const duplicates: Duplicate[] = [];
    const key = endpoint(d.address, d.port);
    const sameName = existingByName.get(d.name);
    if (sameName) duplicates.push({ of: "existing", by: "name", name: sameName.name });
    const sameEndpoint = existingByEndpoint.get(key);
    if (sameEndpoint) duplicates.push({ of: "existing", by: "address", name: sameEndpoint.name });
    const earlierName = draftByName.get(d.name);
    if (earlierName) duplicates.push({ of: "draft", by: "name", name: earlierName.name, line: earlierName.line, file: earlierName.file });
    const earlierEndpoint = draftByEndpoint.get(key);
    if (earlierEndpoint) duplicates.push({ of: "draft", by: "address", name: earlierEndpoint.name, line: earlierEndpoint.line, file: earlierEndpoint.file });
    if (!earlierName) draftByName.set(d.name, d);
    if (!earlierEndpoint) draftByEndpoint.set(key, d);
    return { ...d, duplicates };
  });
}
