import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { FrameParser, SHELL_COMMAND, buildScript, parseFrames, type FrameEvent } from "./script";

const M = "0123456789abcdef0123456789abcdef";
const frame = (i: number, out: string, code = 0) => `\n${M}:begin:${i}\n${out}\n${M}:end:${i}:${code}\n`;

/** Events merged per frame: what a caller reassembles. */
function collect(events: FrameEvent[]) {
  const frames: { index: number; out: string; exitCode?: number }[] = [];
  for (const e of events) {
    if (e.kind === "begin") frames.push({ index: e.index, out: "" });
    const f = frames.at(-1);
    if (!f) continue;
    if (e.kind === "data") f.out += e.bytes.toString("latin1");
    if (e.kind === "end") f.exitCode = e.exitCode;
  }
  return frames;
}

describe("parseFrames", () => {
  test("outputs exactly, with and without a trailing newline, empty, and exit codes", () => {
    const text = frame(0, "eth0 up\n") + frame(1, "no newline") + frame(2, "", 1) + frame(3, "\n\n", 255);
    expect(parseFrames(text, M).map((f) => [f.index, f.output.toString(), f.exitCode])).toEqual([
      [0, "eth0 up\n", 0],
      [1, "no newline", 0],
      [2, "", 1],
      [3, "\n\n", 255],
    ]);
  });

  test("banners before, between and after frames are dropped, even without a newline", () => {
    const text = "Welcome to host!\r\nLast login: never" + frame(0, "a\n") + "stray job output" + frame(1, "b") + "bye\n";
    expect(parseFrames(text, M).map((f) => f.output.toString())).toEqual(["a\n", "b"]);
  });

  test("another marker, a wrong index, a malformed frame line are plain output", () => {
    const other = "fedcba9876543210fedcba9876543210";
    const inner = `x\n${other}:end:0:0\ny\n${M}:end:7:0\nz\n${M}:bogus\n${M}:end:0:zero\n`;
    const [f] = parseFrames(frame(0, inner), M);
    expect(f?.output.toString()).toBe(inner);
    expect(f?.exitCode).toBe(0);
  });

  test("a frame cut off has its output and no exit code; negative exit codes (Windows) parse", () => {
    const text = frame(0, "ok", -1073741510) + `\n${M}:begin:1\npartial outp`;
    expect(parseFrames(text, M).map((f) => [f.output.toString(), f.exitCode])).toEqual([
      ["ok", -1073741510],
      ["partial outp", null],
    ]);
  });

  test("binary bytes pass through untouched", () => {
    const bytes = Buffer.from([0, 1, 2, 0x0a, 0xff, 0xfe, 0x0d, 0x0a, 0x80]);
    const text = Buffer.concat([Buffer.from(`\n${M}:begin:0\n`), bytes, Buffer.from(`\n${M}:end:0:0\n`)]);
    expect(parseFrames(text, M)[0]?.output.equals(bytes)).toBe(true);
  });

  test.each([
    ["empty", ""],
    ["only newlines", "\n\n\n"],
    ["marker alone", `\n${M}:`],
    ["end without begin", `\n${M}:end:0:0\n`],
    ["huge index", `\n${M}:begin:99999999999999999999\n`],
    ["random bytes", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString("latin1")],
  ])("garbage (%s) gives no frames and does not throw", (_, text) => {
    expect(parseFrames(text, M)).toEqual([]);
  });

  test("rejects a marker that is not hex", () => {
    expect(() => parseFrames("", "not a marker")).toThrow(TypeError);
  });
});

describe("FrameParser (streaming)", () => {
  const text = "banner" + frame(0, "first\nline") + frame(1, "") + frame(2, `x\n${M}:nope\n`, 3) + "trailer";
  const whole = collect(new FrameParser(M).push(Buffer.from(text)));

  test("every split point gives the same frames as the whole", () => {
    for (let cut = 0; cut <= text.length; cut++) {
      const p = new FrameParser(M);
      const events = [...p.push(Buffer.from(text.slice(0, cut))), ...p.push(Buffer.from(text.slice(cut))), ...p.end()];
      expect(collect(events), `cut at ${cut}`).toEqual(whole);
    }
    expect(whole).toEqual([
      { index: 0, out: "first\nline", exitCode: 0 },
      { index: 1, out: "", exitCode: 0 },
      { index: 2, out: `x\n${M}:nope\n`, exitCode: 3 },
    ]);
  });

  test("byte by byte", () => {
    const p = new FrameParser(M);
    const events = [...Buffer.from(text)].flatMap((b) => p.push(Buffer.from([b])));
    expect(collect([...events, ...p.end()])).toEqual(whole);
  });

  test("holds back only a frame line's worth of a long output", () => {
    const p = new FrameParser(M);
    p.push(Buffer.from(`\n${M}:begin:0\n`));
    const out = p.push(Buffer.alloc(100_000, "a"));
    const emitted = out.reduce((n, e) => n + (e.kind === "data" ? e.bytes.length : 0), 0);
    expect(emitted).toBeGreaterThan(100_000 - 64);
    expect(p.openIndex).toBe(0);
  });

  test("is linear: 8 MiB of newlines and near-markers in one push", () => {
    const near = `\n${M.slice(0, 31)}`.repeat(250_000);
    const p = new FrameParser(M);
    const events = [...p.push(Buffer.from(`\n${M}:begin:0\n` + near)), ...p.end()];
    expect(events.filter((e) => e.kind === "data").reduce((n, e) => n + (e.kind === "data" ? e.bytes.length : 0), 0)).toBe(near.length);
  });
});

describe("buildScript", () => {
  test("the exec requests", () => {
    expect(SHELL_COMMAND).toEqual({ posix: "exec /bin/sh -s", powershell: "powershell -NoProfile -NonInteractive -Command -" });
  });

  test("posix: each command quoted, in a subshell, stdin from /dev/null, framed on both streams", () => {
    expect(buildScript(["uname -a", "echo 'it''s'"], M, "posix")).toBe(
      [
        `__nd_frame() { printf '\\n${M}:%s\\n' "$1" || exit 1; printf '\\n${M}:%s\\n' "$1" >&2 || exit 1; }`,
        "__nd_frame begin:0",
        "(eval 'uname -a') </dev/null",
        "__nd_frame end:0:$?",
        "__nd_frame begin:1",
        "(eval 'echo '\\''it'\\'''\\''s'\\''') </dev/null",
        "__nd_frame end:1:$?",
        "exit 0",
        "",
      ].join("\n"),
    );
  });

  test("posix: run by a real sh, with quotes, $, backslashes, newlines, exit, syntax errors", () => {
    const commands = [
      `printf '%s\\n' "it's \\$HOME" 'a"b' \`echo back\``,
      "echo one\necho two",
      "exit 4",
      "echo ( broken",
      "cd /; pwd",
      "pwd; echo err >&2",
      "printf 'no newline'",
    ];
    const { stdout, stderr } = spawnSync("/bin/sh", ["-s"], { input: buildScript(commands, M, "posix"), cwd: "/tmp" });
    const errors = parseFrames(stderr, M).map((f) => f.output.toString());
    expect(errors[3]).toMatch(/syntax error/i);
    expect(errors.filter((_, i) => i !== 3)).toEqual(["", "", "", "", "err\n", ""]);
    expect(parseFrames(stdout, M).map((f) => [f.output.toString(), f.exitCode])).toEqual([
      [`it's $HOME\na"b\nback\n`, 0],
      ["one\ntwo\n", 0],
      ["", 4],
      ["", 2],
      ["/\n", 0],
      ["/tmp\n", 0], // `cd` stayed in its subshell
      ["no newline", 0],
    ]);
  });

  test("posix: a command never reads the script from stdin", () => {
    const { stdout } = spawnSync("/bin/sh", ["-s"], { input: buildScript(["cat", "echo after"], M, "posix") });
    expect(parseFrames(stdout, M).map((f) => f.output.toString())).toEqual(["", "after\n"]);
  });

  test("posix parallel: every command runs at once, frames come out in order with their own output and exit code", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nd-par-"));
    const flag = path.join(tmp, "flag");
    // Command 0 waits for a file only command 2 creates: in order, it would give up (exit 9).
    const commands = [
      `i=0; while [ ! -e '${flag}' ]; do i=$((i+1)); [ $i -gt 2000 ] && exit 9; sleep 0.01; done; echo saw it`,
      "echo out; echo err >&2; exit 3",
      `: > '${flag}'; printf 'no newline'`,
      "cat; echo ( broken",
    ];
    const dirName = "00112233445566778899aabbccddeeff";
    const { stdout, stderr, status } = spawnSync("/bin/sh", ["-s"], { input: buildScript(commands, M, "posix", { dirName }), env: { ...process.env, TMPDIR: tmp } });
    expect(status).toBe(0);
    expect(parseFrames(stdout, M).map((f) => [f.index, f.output.toString(), f.exitCode])).toEqual([
      [0, "saw it\n", 0],
      [1, "out\n", 3],
      [2, "no newline", 0],
      [3, "", 2],
    ]);
    const errors = parseFrames(stderr, M).map((f) => f.output.toString());
    expect(errors.slice(0, 3)).toEqual(["", "err\n", ""]);
    expect(errors[3]).toMatch(/syntax error/i);
    // The work directory (0700 while it lived) is gone.
    expect(fs.readdirSync(tmp)).toEqual(["flag"]);
    fs.rmSync(tmp, { recursive: true });
  });

  test("posix parallel: at most `width` at once: the fourth command starts only when one of the first three is done", () => {
    const run = (width: number) => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nd-par-"));
      const go = path.join(tmp, "go");
      // The first three wait for a file only the fourth creates, and give up (exit 9) after a while.
      const wait = `i=0; while [ ! -e '${go}' ]; do i=$((i+1)); [ $i -gt 150 ] && exit 9; sleep 0.01; done`;
      const commands = [wait, wait, wait, `: > '${go}'`];
      const { stdout } = spawnSync("/bin/sh", ["-s"], { input: buildScript(commands, M, "posix", { dirName: "0123456789abcdef0123456789abcdef", width }), env: { ...process.env, TMPDIR: tmp } });
      fs.rmSync(tmp, { recursive: true });
      return parseFrames(stdout, M).map((f) => f.exitCode);
    };
    expect(run(4)).toEqual([0, 0, 0, 0]);
    // Width 3: the fourth starts only once a waiter gave up, so at least one did (all of them when
    // they started together; on a loaded machine the later ones may still see the file).
    const three = run(3);
    expect(three[3]).toBe(0);
    expect(three.slice(0, 3)).toContain(9);
    expect(() => buildScript(["echo hi"], M, "posix", { dirName: "0123456789abcdef0123456789abcdef", width: 0 })).toThrow(TypeError);
  }, 30_000);

  test("posix parallel: a work directory that exists already is never reused; powershell has no parallel mode", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "nd-par-"));
    const dirName = "ffeeddccbbaa99887766554433221100";
    fs.mkdirSync(path.join(tmp, `netdiag-${dirName}`));
    const { stdout, status } = spawnSync("/bin/sh", ["-s"], { input: buildScript(["echo hi"], M, "posix", { dirName }), env: { ...process.env, TMPDIR: tmp } });
    expect(status).toBe(1);
    expect(parseFrames(stdout, M)).toEqual([]);
    fs.rmSync(tmp, { recursive: true });
    expect(() => buildScript(["echo hi"], M, "posix", { dirName: "../x" })).toThrow(TypeError);
    expect(() => buildScript(["echo hi"], M, "powershell", { dirName })).toThrow(TypeError);
  });

  test("posix: a NUL byte in a command is a programming error", () => {
    expect(() => buildScript(["echo \0"], M, "posix")).toThrow(TypeError);
  });

  test("powershell: one line per statement, commands as base64 of UTF-8 run by cmd.exe /d /s /c", () => {
    const script = buildScript(["cmd /c ver", `powershell -NoProfile -Command "Get-NetAdapter | ConvertTo-Json"`, "echo é"], M, "powershell");
    const lines = script.split("\n");
    expect(lines.slice(-5)).toEqual([
      "__ndRun 0 'Y21kIC9jIHZlcg=='",
      `__ndRun 1 '${Buffer.from(`powershell -NoProfile -Command "Get-NetAdapter | ConvertTo-Json"`).toString("base64")}'`,
      "__ndRun 2 'ZWNobyDDqQ=='",
      "exit 0",
      "",
    ]);
    expect(script).toContain(`'${M}:'`);
    expect(script).toContain(`$si.Arguments = '/d /s /c "' + $c + '"'`);
    expect(script).toContain("$si.RedirectStandardInput = $true");
    expect(script).toContain("CopyToAsync($__ndOut)");
    expect(script).toContain("$code = $p.ExitCode");
    expect(script).toContain("__ndFrame ('end:' + $i + ':' + $code)");
    // Only ASCII reaches PowerShell's stdin, whatever its code page.
    expect(/^[\x20-\x7e\n]*$/.test(script)).toBe(true);
    // Balanced braces and parentheses on every line: `-Command -` runs line by line.
    for (const line of lines) {
      const count = (ch: string) => line.split(ch).length - 1;
      expect(count("{"), line).toBe(count("}"));
      expect(count("("), line).toBe(count(")"));
    }
  });

  test("powershell: frames written by the script parse as frames", () => {
    // What __ndFrame writes: "`n" + marker + ':' + f + "`n", as bytes.
    const written = ["begin:0", "end:0:0"].map((f) => `\n${M}:${f}\n`);
    const stdout = "PowerShell banner\r\n" + written[0] + "Microsoft Windows [Version 10.0.20348.2227]\r\n" + written[1];
    expect(parseFrames(stdout, M).map((f) => [f.output.toString(), f.exitCode])).toEqual([
      ["Microsoft Windows [Version 10.0.20348.2227]\r\n", 0],
    ]);
  });
});
