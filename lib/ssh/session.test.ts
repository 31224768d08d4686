import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import {
  CommandTimeoutError,
  HostKeyMismatchError,
  SshAuthError,
  SshChannelError,
  SshConnectError,
  SshError,
} from "./errors";
import { MAX_CHANNELS_PER_CONNECTION, MAX_OUTPUT_BYTES, withSession, type SshTarget } from "./session";
import { freePort, loginCount as logins, makeKeys, openSessions, startSshd, type TestKeys, type TestSshd } from "./test-sshd";

// Real logins on a possibly loaded machine: generous limits, and no assertion on durations.
vi.setConfig({ testTimeout: 60_000 });

let keys: TestKeys;
let sshd: TestSshd;
let scratch: string;

beforeAll(async () => {
  keys = makeKeys();
  sshd = await startSshd(keys);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-session-"));
}, 30_000);

afterAll(async () => {
  await sshd?.stop();
  if (keys) fs.rmSync(keys.dir, { recursive: true, force: true });
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
});

/** Logins whose process a test killed on purpose: they never log a disconnect. */
let forgotten = 0;
function forgetSession(): void {
  forgotten = loginCount();
}

// Every test must leave no SSH session behind, whatever it threw.
afterEach(async () => {
  await expect.poll(() => openSessions(sshd, forgotten), { timeout: 5000 }).toEqual([]);
});

const target = (over: Partial<SshTarget> = {}): SshTarget => ({
  hostId: 7,
  address: "127.0.0.1",
  port: sshd.port,
  username: "root",
  privateKey: keys.ed25519,
  pinnedFingerprint: null,
  connectTimeoutMs: 5000,
  commandTimeoutMs: 5000,
  ...over,
});

async function failure(p: Promise<unknown>): Promise<SshError> {
  const err = await p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SshError);
  return err as SshError;
}

describe("exec", () => {
  test("returns stdout, stderr and the exit code", async () => {
    const { result } = await withSession(target(), async (s) => [
      await s.exec("printf 'héllo\\n'; echo oops >&2"),
      await s.exec("echo out; exit 3"),
      await s.exec("kill -9 $$"),
    ]);
    const [ok, nonZero, killed] = result;
    expect(ok).toMatchObject({ stdout: "héllo\n", stderr: "oops\n", exitCode: 0 });
    expect(ok?.durationMs).toBeGreaterThanOrEqual(0);
    expect(nonZero).toMatchObject({ stdout: "out\n", exitCode: 3 });
    expect(killed?.exitCode).toBeNull();
  });

  test("runs 20 commands on one connection, at most 8 at a time (sshd allows 10)", async () => {
    // The host counts for itself: each command holds a directory in running/ while it runs and
    // reports how many it saw. The first 8 also wait at a barrier (arrived/, never emptied,
    // bounded only as a safety net) until all 8 are there, which proves 8 ran at once: the
    // first of them to count after the barrier sees 8. None may ever see more.
    const dir = fs.mkdtempSync(path.join(scratch, "running-"));
    const [running, arrived] = [`${dir}/running`, `${dir}/arrived`];
    fs.mkdirSync(running);
    fs.mkdirSync(arrived);
    const max = MAX_CHANNELS_PER_CONNECTION;
    const barrier = `n=0; while [ $(ls ${arrived} | wc -l) -lt ${max} ] && [ $n -lt 3000 ]; do sleep 0.01; n=$((n+1)); done; `;
    const command = (i: number) =>
      `mkdir ${running}/r${i}; ` +
      (i < max ? `mkdir ${arrived}/a${i}; ${barrier}` : "") +
      `ls ${running} | wc -l; rmdir ${running}/r${i}; echo ${i}`;
    const before = loginCount();
    // A login per channel can take seconds on a busy machine, and the first 8 wait for each other.
    const { result, stats } = await withSession(target({ commandTimeoutMs: 60_000 }), (s) =>
      Promise.all(Array.from({ length: 20 }, (_, i) => s.exec(command(i)))),
    );
    expect(result.map((r) => r.stdout.trim().split("\n")[1])).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(result.every((r) => r.exitCode === 0)).toBe(true);
    const seen = result.map((r) => Number(r.stdout.split("\n")[0]));
    expect(Math.max(...seen)).toBe(MAX_CHANNELS_PER_CONNECTION);
    expect(stats).toMatchObject({ channels: 20, execRequests: 20, maxConcurrentChannels: MAX_CHANNELS_PER_CONNECTION });
    expect(loginCount() - before).toBe(1);
  });

  test("a command past its timeout fails and the connection still closes", async () => {
    const err = await failure(withSession(target({ commandTimeoutMs: 300 }), (s) => s.exec("sleep 5")));
    expect(err).toBeInstanceOf(CommandTimeoutError);
    expect(err).toMatchObject({ code: "command-timeout", command: "sleep 5", hostId: 7, timeoutMs: 300 });
    expect(err.message).toBe('"sleep 5" did not finish within 0.3 s on 127.0.0.1:' + sshd.port + "; netdiag stopped waiting and closed its channel.");
    // afterEach checks sshd saw the disconnect.
  });

  test("the session stays usable after one command timed out", async () => {
    const { result } = await withSession(target({ commandTimeoutMs: 300 }), async (s) => {
      await expect(s.exec("sleep 5")).rejects.toBeInstanceOf(CommandTimeoutError);
      // Its own generous timeout: on a loaded 2-core machine an exec can take longer than 300 ms.
      return s.run("echo still here", { timeoutMs: 15_000 });
    });
    expect(result.stdout).toBe("still here\n");
  });

  test("run: stdout arrives while the command runs, under its own timeout (longer than the session's)", async () => {
    // The command prints "one", then waits until the callback has seen it: no stream, no end.
    const seenOne = path.join(scratch, "seen-one");
    const seen: string[] = [];
    const { result } = await withSession(target({ commandTimeoutMs: 300 }), (s) =>
      s.run(`echo one; while [ ! -e ${seenOne} ]; do sleep 0.05; done; echo two`, {
        timeoutMs: 30_000,
        onStdout: (text) => {
          seen.push(text);
          if (seen.join("").includes("one")) fs.writeFileSync(seenOne, "");
        },
      }),
    );
    expect(result).toMatchObject({ stdout: "one\ntwo\n", exitCode: 0 });
    expect(seen.join("")).toBe("one\ntwo\n");
  });

  test("run: a per-call timeout shorter than the session's", async () => {
    const err = await failure(withSession(target({ commandTimeoutMs: 20_000 }), (s) => s.run("sleep 5", { timeoutMs: 300 })));
    expect(err).toMatchObject({ code: "command-timeout", timeoutMs: 300 });
  });

  test("endless output is cut off at the cap", async () => {
    const err = await failure(withSession(target({ commandTimeoutMs: 20_000 }), (s) => s.exec("cat /dev/zero")));
    expect(err).toBeInstanceOf(SshChannelError);
    expect(err.code).toBe("output-too-large");
    expect(err.message).toContain(`${MAX_OUTPUT_BYTES / 1024 / 1024} MiB`);
  });

  test("output just under the cap is returned whole", async () => {
    const { result } = await withSession(target(), (s) => s.exec(`head -c ${MAX_OUTPUT_BYTES - 1} /dev/zero`));
    expect(result.stdout.length).toBe(MAX_OUTPUT_BYTES - 1);
  });

  test("a connection that dies mid-command is a channel error, not a result", async () => {
    // The shell's parent is sshd's per-connection process: killing it drops the TCP connection.
    const err = await failure(withSession(target(), (s) => s.exec("kill -9 $PPID; sleep 2")));
    expect(err).toBeInstanceOf(SshChannelError);
    expect(err).toMatchObject({ code: "channel", command: "kill -9 $PPID; sleep 2" });
    expect(err.message).toContain("was lost");
    forgetSession(); // sshd's session process died before it could log the disconnect
  });

  test("the callback's own error passes through unchanged", async () => {
    const boom = new Error("collector failed");
    await expect(withSession(target(), async () => Promise.reject(boom))).rejects.toBe(boom);
  });
});

describe("host key", () => {
  test("first use reports the fingerprint ssh-keygen shows", async () => {
    const { hostKey, result } = await withSession(target(), async (s) => s.hostKey);
    expect(hostKey).toEqual({ fingerprint: sshd.hostKeyFingerprint, algorithm: "ssh-ed25519" });
    expect(result).toEqual(hostKey);
  });

  test("a matching pinned fingerprint connects", async () => {
    const { result } = await withSession(target({ pinnedFingerprint: sshd.hostKeyFingerprint }), (s) => s.exec("true"));
    expect(result.exitCode).toBe(0);
  });

  test("a different pinned fingerprint refuses the host before logging in", async () => {
    const pinned = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const logins = loginCount();
    let ran = false;
    const err = await failure(
      withSession(target({ pinnedFingerprint: pinned }), async () => {
        ran = true;
      }),
    );
    expect(err).toBeInstanceOf(HostKeyMismatchError);
    expect(err).toMatchObject({
      code: "host-key-changed",
      pinnedFingerprint: pinned,
      offeredFingerprint: sshd.hostKeyFingerprint,
      offeredAlgorithm: "ssh-ed25519",
    });
    expect(err.message).toContain(sshd.hostKeyFingerprint);
    expect(ran).toBe(false);
    expect(loginCount()).toBe(logins);
  });
});

describe("authentication", () => {
  test("an RSA key logs in", async () => {
    const { result } = await withSession(target({ privateKey: keys.rsa }), (s) => s.exec("echo rsa"));
    expect(result.stdout).toBe("rsa\n");
  });

  test("an encrypted key logs in with its passphrase", async () => {
    const { result } = await withSession(target({ privateKey: keys.encrypted, passphrase: keys.passphrase }), (s) =>
      s.exec("echo unlocked"),
    );
    expect(result.stdout).toBe("unlocked\n");
  });

  test.each([
    ["without a passphrase", undefined, "encrypted: passphrase required"],
    ["with the wrong passphrase", "not it", "wrong passphrase"],
  ])("an encrypted key %s is refused before connecting", async (_, passphrase, reason) => {
    const err = await failure(withSession(target({ privateKey: keys.encrypted, passphrase }), async () => {}));
    expect(err).toBeInstanceOf(SshAuthError);
    expect(err.code).toBe("auth");
    expect(err.message).toContain(reason);
  });

  test("a key the host does not know is refused", async () => {
    const err = await failure(withSession(target({ privateKey: keys.stranger }), async () => {}));
    expect(err).toBeInstanceOf(SshAuthError);
    expect(err).toMatchObject({ code: "auth", methodsTried: ["publickey"] });
    expect(err.message).toContain('as "root" (tried: private key)');
  });

  test("no credentials at all is an auth error", async () => {
    const err = await failure(withSession(target({ privateKey: undefined }), async () => {}));
    expect(err).toBeInstanceOf(SshAuthError);
  });

  test("error messages never contain the key or the password", async () => {
    const password = "hunter2-very-secret";
    const errors = [
      await failure(withSession(target({ privateKey: keys.stranger, password }), async () => {})),
      await failure(withSession(target({ privateKey: keys.encrypted, passphrase: password }), async () => {})),
      await failure(withSession(target({ privateKey: undefined, password }), async () => {})),
      await failure(withSession(target({ port: await freePort(), password }), async () => {})),
    ];
    expect(errors[0]).toMatchObject({ methodsTried: ["publickey", "password"] });
    const keyBody = keys.stranger.split("\n")[2] ?? "";
    expect(keyBody.length).toBeGreaterThan(20);
    for (const err of errors) {
      const everything = `${inspect(err, { depth: 10 })} ${JSON.stringify(err)} ${err.message}`;
      expect(everything).not.toContain(password);
      expect(everything).not.toContain(keyBody);
      expect(everything).not.toContain(keys.passphrase);
    }
  });
});

describe("connecting", () => {
  test("nothing listening is 'refused'", async () => {
    const port = await freePort();
    const err = await failure(withSession(target({ port }), async () => {}));
    expect(err).toBeInstanceOf(SshConnectError);
    expect(err).toMatchObject({ code: "refused", address: "127.0.0.1", port, hostId: 7 });
    expect(err.message).toContain(`nothing is listening on port ${port}`);
  });

  test("a listener that never speaks SSH times out", async () => {
    const net = await import("node:net");
    const sockets = new Set<import("node:net").Socket>();
    const silent = net.createServer((sock) => sockets.add(sock)).listen(0, "127.0.0.1");
    await new Promise((r) => silent.once("listening", r));
    const addr = silent.address();
    const port = addr && typeof addr === "object" ? addr.port : 0;
    try {
      const err = await failure(withSession(target({ port, connectTimeoutMs: 500 }), async () => {}));
      expect(err).toMatchObject({ code: "timeout" });
    } finally {
      for (const sock of sockets) sock.destroy();
      silent.close();
    }
  });
});

/** Logins sshd has accepted so far. */
function loginCount(): number {
  return logins(sshd);
}

