import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { CommandTimeoutError, SshChannelError } from "./errors";
import { MAX_OUTPUT_BYTES, withSession, type BatchItem, type SshTarget } from "./session";
import {
  TEST_USER_HOMES,
  ensureTestUser,
  loginCount,
  makeKeys,
  openSessions,
  startSshd,
  testUserProblem,
  type TestKeys,
  type TestSshd,
  type TestUserSpec,
} from "./test-sshd";

// Real logins on a possibly loaded machine: generous limits, never timing assertions.
vi.setConfig({ testTimeout: 60_000 });

let keys: TestKeys;
let sshd: TestSshd;
/** The same host key and users, but `MaxSessions 1`. */
let oneSession: TestSshd;
let scratch: string;

beforeAll(async () => {
  keys = makeKeys();
  [sshd, oneSession] = await Promise.all([startSshd(keys), startSshd(keys, { config: ["MaxSessions 1"] })]);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-batch-"));
  fs.chmodSync(scratch, 0o777);
}, 30_000);

afterAll(async () => {
  await Promise.all([sshd?.stop(), oneSession?.stop()]);
  if (keys) fs.rmSync(keys.dir, { recursive: true, force: true });
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

let forgotten = 0;
afterEach(async () => {
  await expect.poll(() => openSessions(sshd, forgotten), { timeout: 5000 }).toEqual([]);
  await expect.poll(() => openSessions(oneSession), { timeout: 5000 }).toEqual([]);
});

const target = (over: Partial<SshTarget> = {}): SshTarget => ({
  hostId: 7,
  address: "127.0.0.1",
  port: sshd.port,
  username: "root",
  privateKey: keys.ed25519,
  pinnedFingerprint: null,
  connectTimeoutMs: 10_000,
  commandTimeoutMs: 15_000,
  ...over,
});

const ok = (item: BatchItem | undefined) => {
  if (!item?.ok) throw new Error(`expected a result, got ${item ? item.error.message : "nothing"}`);
  return item.result;
};
const failed = (item: BatchItem | undefined) => {
  if (!item || item.ok) throw new Error("expected an error");
  return item.error;
};
const outputs = (items: BatchItem[]) => items.map((i) => (i.ok ? { stdout: i.result.stdout, stderr: i.result.stderr, exitCode: i.result.exitCode } : i.error.code));

/** Real collector-like commands plus the awkward cases; POSIX, so bash (exec) and sh (batch) agree. */
const NINE = [
  "uname -srm",
  "uname -n",
  "cat /etc/os-release",
  "ls -1 /sys/class/net",
  "seq 1 20000",
  "printf 'no trailing newline'",
  "echo to stderr >&2; echo and stdout; exit 3",
  "printf '\\000\\001\\377\\376 binary\\r\\n\\n' ; printf 'tail'",
  `printf '\\n%s:end:0:0\\n' deadbeefdeadbeefdeadbeefdeadbeef; echo after a forged-looking frame`,
];

describe("runBatch", () => {
  test("9 commands in one channel: one exec request, exactly the outputs of 9 separate execs", async () => {
    const { result, stats } = await withSession(target(), async (s) => {
      const separate = await Promise.all(NINE.map((c) => s.exec(c)));
      const before = s.stats();
      const batch = await s.runBatch(NINE);
      const after = s.stats();
      return { separate, batch, requests: after.execRequests - before.execRequests, channels: after.channels - before.channels };
    });
    expect(result.requests).toBe(1);
    expect(result.channels).toBe(1);
    expect(stats.execRequests).toBe(NINE.length + 1);
    expect(outputs(result.batch)).toEqual(result.separate.map((r) => ({ stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode })));
    // Not vacuous: the awkward ones really are in there.
    expect(ok(result.batch[5]).stdout).toBe("no trailing newline");
    expect(ok(result.batch[6])).toMatchObject({ stdout: "and stdout\n", stderr: "to stderr\n", exitCode: 3 });
    expect(ok(result.batch[7]).stdout).toBe(Buffer.from([0, 1, 0xff, 0xfe, 0x20, ...Buffer.from("binary\r\n\ntail")]).toString("utf8"));
    expect(ok(result.batch[8]).stdout).toContain("deadbeef");
    for (const item of result.batch) expect(ok(item).durationMs).toBeGreaterThanOrEqual(0);
  });

  test("large output arrives whole; past the cap one command fails and the next still runs", async () => {
    const { result, stats } = await withSession(target(), (s) =>
      s.runBatch([`head -c 3000000 /dev/zero | tr '\\0' x`, "cat /dev/zero", "echo next"]),
    );
    expect(ok(result[0]).stdout).toBe("x".repeat(3_000_000));
    const err = failed(result[1]);
    expect(err).toBeInstanceOf(SshChannelError);
    expect(err).toMatchObject({ code: "output-too-large", command: "cat /dev/zero" });
    expect(err.message).toContain(`${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`);
    expect(ok(result[2]).stdout).toBe("next\n");
    expect(stats.execRequests).toBe(2);
  });

  test("a hung command times out alone; the commands after it run on a fresh channel", async () => {
    const release = path.join(scratch, "release-hang");
    const hang = `while [ ! -e ${release} ]; do sleep 0.05; done`;
    try {
      const { result, stats } = await withSession(target({ commandTimeoutMs: 4000 }), (s) =>
        s.runBatch(["echo before", hang, "echo after", "uname -s"]),
      );
      expect(ok(result[0]).stdout).toBe("before\n");
      const err = failed(result[1]);
      expect(err).toBeInstanceOf(CommandTimeoutError);
      expect(err).toMatchObject({ code: "command-timeout", command: hang, phase: "run", timeoutMs: 4000 });
      expect(ok(result[2]).stdout).toBe("after\n");
      expect(ok(result[3]).stdout).toBe("Linux\n");
      expect(stats).toMatchObject({ channels: 2, execRequests: 2 });
    } finally {
      fs.writeFileSync(release, ""); // root cannot be signalled (see stop()): let the loop end
    }
  });

  test("a command that kills its shell ends with exit code null; the rest still run", async () => {
    const { result, stats } = await withSession(target(), (s) => s.runBatch(["echo one", "echo partial; kill -9 $$", "echo three"]));
    expect(outputs(result)).toEqual([
      { stdout: "one\n", stderr: "", exitCode: 0 },
      { stdout: "partial\n", stderr: "", exitCode: null },
      { stdout: "three\n", stderr: "", exitCode: 0 },
    ]);
    expect(stats.execRequests).toBe(2);
  });

  test("a connection lost mid-batch fails the command running and the ones after it", async () => {
    // The killer waits until the first result is here: sshd may not have sent it yet when it dies.
    const go = path.join(scratch, "go-kill");
    try {
      const { result } = await withSession(target(), async (s) => {
        const promises = s.startBatch(["echo one", `while [ ! -e ${go} ]; do sleep 0.05; done; kill -9 $PPID; sleep 2`, "echo three"]);
        const settled = promises.map((p) => p.then((r) => r, (e: unknown) => e));
        const first = await settled[0];
        fs.writeFileSync(go, "");
        return [first, ...(await Promise.all(settled.slice(1)))];
      });
      expect(result[0]).toMatchObject({ stdout: "one\n", exitCode: 0 });
      for (const err of result.slice(1)) {
        expect(err).toBeInstanceOf(SshChannelError);
        expect((err as SshChannelError).message).toContain("was lost");
      }
      expect(result[2]).toMatchObject({ command: "echo three" });
    } finally {
      forgotten = loginCount(sshd); // sshd's session process died before logging the disconnect
    }
  });

  test("a shell that cannot start fails every command with what it said", async () => {
    // No PowerShell on this Linux host: the login shell says so and exits 127.
    const { result } = await withSession(target(), (s) => s.runBatch(["echo a", "echo b"], { dialect: "powershell" }));
    for (const [i, item] of result.entries()) {
      const err = failed(item);
      expect(err).toBeInstanceOf(SshChannelError);
      expect(err).toMatchObject({ code: "channel", command: ["echo a", "echo b"][i] });
      expect(err.message).toContain("exit code 127");
      expect(err.message).toContain("powershell");
    }
  });

  test("startBatch settles each command as it ends; batchExec answers collectors from one batch", async () => {
    const release = path.join(scratch, "release-stream");
    const { result, stats } = await withSession(target(), async (s) => {
      const [first, second] = s.startBatch(["echo first", `while [ ! -e ${release} ]; do sleep 0.05; done; echo second`]);
      // The first result arrives while the second command is still waiting for us.
      const one = await first;
      fs.writeFileSync(release, "");
      const two = await second;
      const exec = s.batchExec(["uname -s", "uname -n"]);
      const [n, sName, extra] = await Promise.all([exec("uname -n"), exec("uname -s"), exec("echo unplanned")]);
      return { one, two, n, sName, extra };
    });
    expect(result.one?.stdout).toBe("first\n");
    expect(result.two?.stdout).toBe("second\n");
    expect(result.sName.stdout).toBe("Linux\n");
    expect(result.n.stdout).toBe(`${os.hostname()}\n`);
    expect(result.extra.stdout).toBe("unplanned\n");
    expect(stats.execRequests).toBe(3);
  });

  test("no commands, no channel", async () => {
    const { result, stats } = await withSession(target(), (s) => s.runBatch([]));
    expect(result).toEqual([]);
    expect(stats.channels).toBe(0);
  });
});

describe("MaxSessions 1", () => {
  const one = (over: Partial<SshTarget> = {}) => target({ port: oneSession.port, ...over });

  test("two concurrent batches are serialized on one channel at a time", async () => {
    const { result, stats } = await withSession(one(), (s) =>
      Promise.all([s.runBatch(["echo a1", "echo a2"]), s.runBatch(["echo b1", "echo b2"])]),
    );
    expect(result.map(outputs)).toEqual([
      [
        { stdout: "a1\n", stderr: "", exitCode: 0 },
        { stdout: "a2\n", stderr: "", exitCode: 0 },
      ],
      [
        { stdout: "b1\n", stderr: "", exitCode: 0 },
        { stdout: "b2\n", stderr: "", exitCode: 0 },
      ],
    ]);
    expect(stats).toMatchObject({ channels: 2, execRequests: 2, maxConcurrentChannels: 1, channelLimit: 1 });
    expect(stats.refusedOpens).toBeGreaterThanOrEqual(1);
    expect(oneSession.log()).toMatch(/session_new: (session )?limit|no more sessions|open failed/i);
  });

  test("a root command that hangs holds the only session: what follows fails after its timeout, not never", async () => {
    const release = path.join(scratch, "release-one");
    const hang = `while [ ! -e ${release} ]; do sleep 0.05; done`;
    try {
      const { result, stats } = await withSession(one({ commandTimeoutMs: 3000 }), (s) => s.runBatch([hang, "echo after"]));
      expect(failed(result[0])).toMatchObject({ code: "command-timeout", phase: "run" });
      const err = failed(result[1]);
      expect(err).toBeInstanceOf(SshChannelError);
      expect(err).toMatchObject({ code: "channel", command: "echo after" });
      expect(err.message).toContain("held by commands netdiag stopped waiting for");
      expect(stats).toMatchObject({ channels: 1, refusedOpens: 1, channelLimit: 1 });
    } finally {
      fs.writeFileSync(release, "");
    }
  });

  test("concurrent execs wait for each other instead of failing", async () => {
    const { result, stats } = await withSession(one(), (s) => Promise.all([1, 2, 3, 4].map((i) => s.exec(`echo ${i}`))));
    expect(result.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n", "4\n"]);
    expect(stats).toMatchObject({ channels: 4, maxConcurrentChannels: 1, channelLimit: 1 });
  });
});

const ASH = path.join(TEST_USER_HOMES, "bin", "ash");
const SHELLS: TestUserSpec[] = [
  {
    suffix: "bash",
    shell: "/bin/bash",
    // Debian's bash reads ~/.bashrc when sshd starts it, even for a command.
    files: { ".bashrc": "printf 'bashrc banner, no newline'\nprintf 'bashrc banner on stderr' >&2\n" },
  },
  {
    suffix: "zsh",
    shell: "/usr/bin/zsh",
    files: { ".zshenv": "print -n 'zshenv banner'\nprint 'zshenv banner on stderr' >&2\n" },
  },
  {
    suffix: "fish",
    shell: "/usr/bin/fish",
    files: { ".config/fish/config.fish": "echo -n 'fish banner'\necho 'fish banner on stderr' >&2\n" },
  },
  {
    suffix: "tcsh",
    shell: "/usr/bin/tcsh",
    files: { ".tcshrc": "echo 'tcsh banner'\nsh -c 'echo tcsh banner on stderr >&2'\n" },
  },
  { suffix: "ash", shell: ASH, files: {} },
];

describe("login shells and rc files", () => {
  const users = new Map<string, string>();

  // Not skipped when something is missing (npm test fails on skipped tests): failed, saying what.
  beforeAll(() => {
    const problem = testUserProblem(["/usr/bin/zsh", "/usr/bin/fish", "/usr/bin/tcsh", "/bin/busybox"]);
    if (problem) throw new Error(problem);
    fs.mkdirSync(path.dirname(ASH), { recursive: true });
    if (!fs.existsSync(ASH)) fs.symlinkSync("/bin/busybox", ASH); // busybox picks the applet by argv[0]
    for (const spec of SHELLS) users.set(spec.suffix, ensureTestUser(spec).name);
  });

  test.each(SHELLS.map((s) => s.suffix))("%s: batch output is exact, banners stay out", async (suffix) => {
    const username = users.get(suffix) ?? "";
    const commands = ["id -un", "printf 'x'", "echo err >&2; exit 5", "echo $0"];
    const { result, stats } = await withSession(target({ username }), (s) => s.runBatch(commands));
    expect(outputs(result)).toEqual([
      { stdout: `${username}\n`, stderr: "", exitCode: 0 },
      { stdout: "x", stderr: "", exitCode: 0 },
      { stdout: "", stderr: "err\n", exitCode: 5 },
      { stdout: "/bin/sh\n", stderr: "", exitCode: 0 },
    ]);
    expect(stats.execRequests).toBe(1);
  });

  test("the banner does leak into a plain exec (why batches frame their output)", async () => {
    // zsh reads ~/.zshenv for every invocation, `zsh -c` included.
    const { result } = await withSession(target({ username: users.get("zsh") ?? "" }), (s) => s.exec("echo hi"));
    expect(result.stdout).toBe("zshenv bannerhi\n");
    expect(result.stderr).toBe("zshenv banner on stderr\n");
  });

  test("a non-root hung command is killed on timeout, in a batch and in exec", async () => {
    const username = users.get("bash") ?? "";
    // Sleeps under names of their own, to find them in /proc.
    const sleeper = (kind: string) => {
      const name = path.join(scratch, `sleep-${kind}-${process.pid}`);
      fs.symlinkSync("/bin/sleep", name);
      return name;
    };
    const inBatch = sleeper("batch");
    const inExec = sleeper("exec");
    const { result } = await withSession(target({ username, commandTimeoutMs: 4000 }), async (s) => ({
      batch: await s.runBatch([`${inBatch} 600`, "echo after"]),
      exec: await s.exec(`${inExec} 600`).catch((e: unknown) => e),
    }));
    expect(failed(result.batch[0])).toBeInstanceOf(CommandTimeoutError);
    expect(ok(result.batch[1]).stdout).toBe("after\n");
    expect(result.exec).toBeInstanceOf(CommandTimeoutError);
    // OpenSSH signals the session's process group for non-root logins (see stop()).
    await expect.poll(() => [...processesNamed(inBatch), ...processesNamed(inExec)], { timeout: 10_000 }).toEqual([]);
  });

  test("a login shell whose rc file hangs: every command fails as not started", async () => {
    const hangUser = ensureTestUser({
      suffix: "hangrc",
      shell: "/bin/bash",
      files: { ".bashrc": "n=0; while [ ! -e ~/release ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done\n" },
    });
    const release = path.join(hangUser.home, "release");
    fs.rmSync(release, { force: true });
    try {
      const { result, stats } = await withSession(target({ username: hangUser.name, commandTimeoutMs: 1500 }), (s) =>
        s.runBatch(["echo a", "echo b"]),
      );
      for (const item of result) expect(failed(item)).toMatchObject({ code: "command-timeout", phase: "start" });
      expect(failed(result[1]).message).toContain('"echo b" did not start within 1.5 s');
      expect(stats.execRequests).toBe(1); // not retried: another channel would run the same rc file
    } finally {
      fs.writeFileSync(release, "");
    }
  });
});

/** PIDs whose argv[0] is `name` (from /proc, so no pgrep pattern matching). */
function processesNamed(name: string): string[] {
  return fs.readdirSync("/proc").filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, "latin1").split("\0")[0] === name;
    } catch {
      return false;
    }
  });
}
