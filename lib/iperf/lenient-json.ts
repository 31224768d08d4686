// A JSON reader that keeps what it could read. iperf3 output gets cut (a killed client, a
// lost connection, an output cap) anywhere, including mid-number, and JSON.parse would then
// return nothing at all. This one returns the complete values seen so far: a container cut
// short keeps its finished members (and its cut member, if that is itself a container); a
// scalar that was cut is dropped (a number cut mid-way is not a smaller number). Never throws.

export type LenientJson = {
  value: unknown;
  /** Offset just after the value (where trailing text starts). */
  end: number;
  /** The text ended (or broke) before the value was complete. */
  truncated: boolean;
  /** Set when the text broke with something that is not JSON (not merely cut short). */
  error?: string;
};

/** `ok: false`: cut short; `v` is then a partial container, or undefined for a lost scalar. */
type Read = { v: unknown; ok: boolean };

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = /[ \t\r\n]*/y;
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
// iperf3 reports nest 5 deep. Reading is recursive, so a hostile `[[[[…` 10,000 deep overflowed
// the stack (RangeError): past this depth the text is treated as broken.
const MAX_DEPTH = 256;

// As JSON.parse does: a "__proto__" key is an own property, not the object's prototype (which
// `o["__proto__"] = v` would set, putting v's members on the object's lookups).
function put(o: Record<string, unknown>, key: string, v: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value: v, writable: true, enumerable: true, configurable: true });
  else o[key] = v;
}

const LITERALS = [
  ["true", true],
  ["false", false],
  ["null", null],
] as const;

export function parseLenientJson(text: string, start = 0): LenientJson {
  let i = start;
  let depth = 0;
  let error: string | undefined;
  const cut = (what: string, v?: unknown): Read => {
    if (i < text.length) error ??= `${what} at offset ${i}`;
    return { v, ok: false };
  };
  const ws = () => {
    WS.lastIndex = i;
    WS.exec(text);
    i = WS.lastIndex;
  };

  function str(): Read {
    let out = "";
    i++; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return { v: out, ok: true };
      }
      if (c !== "\\") {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      if (e === undefined) break;
      if (e === "u") {
        const hex = text.slice(i + 2, i + 6);
        if (hex.length < 4) break;
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return cut("bad \\u escape");
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
        continue;
      }
      const decoded = ESCAPES[e];
      if (decoded === undefined) return cut("bad escape");
      out += decoded;
      i += 2;
    }
    i = text.length;
    return cut("unterminated string");
  }

  function num(): Read {
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return cut("unexpected character");
    const after = NUMBER.lastIndex;
    // A number that runs into the end of the text may have lost digits.
    if (after >= text.length) {
      i = text.length;
      return cut("cut number");
    }
    if (/[0-9.eE+-]/.test(text[after] as string)) {
      i = after;
      return cut("malformed number");
    }
    i = after;
    return { v: Number(m[0]), ok: true };
  }

  function value(): Read {
    ws();
    if (i >= text.length) return cut("missing value");
    const c = text[i];
    if (c === "{" || c === "[") {
      if (depth >= MAX_DEPTH) return cut(`nested deeper than ${MAX_DEPTH}`);
      depth++;
      const container = c === "{" ? obj() : arr();
      depth--;
      return container;
    }
    if (c === '"') return str();
    for (const [word, v] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return { v, ok: true };
      }
      if (word.startsWith(text.slice(i))) {
        i = text.length;
        return cut("cut literal");
      }
    }
    return num();
  }

  function obj(): Read {
    const out: Record<string, unknown> = {};
    i++;
    ws();
    if (text[i] === "}") {
      i++;
      return { v: out, ok: true };
    }
    for (;;) {
      ws();
      if (i >= text.length) return cut("missing key", out);
      if (text[i] !== '"') return cut("expected a key", out);
      const key = str();
      if (!key.ok) return cut("cut key", out);
      ws();
      if (i >= text.length) return cut("missing ':'", out);
      if (text[i] !== ":") return cut("expected ':'", out);
      i++;
      const member = value();
      if (!member.ok) {
        if (member.v !== undefined) put(out, key.v as string, member.v);
        return { v: out, ok: false };
      }
      put(out, key.v as string, member.v);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "}") {
        i++;
        return { v: out, ok: true };
      }
      return cut("expected ',' or '}'", out);
    }
  }

  function arr(): Read {
    const out: unknown[] = [];
    i++;
    ws();
    if (text[i] === "]") {
      i++;
      return { v: out, ok: true };
    }
    for (;;) {
      const item = value();
      if (!item.ok) {
        if (item.v !== undefined) out.push(item.v);
        return { v: out, ok: false };
      }
      out.push(item.v);
      ws();
      if (text[i] === ",") {
        i++;
        continue;
      }
      if (text[i] === "]") {
        i++;
        return { v: out, ok: true };
      }
      return cut("expected ',' or ']'", out);
    }
  }

  const read = value();
  if (read.ok) return { value: read.v, end: i, truncated: false };
  return { value: read.v, end: text.length, truncated: true, ...(error ? { error } : {}) };
}
