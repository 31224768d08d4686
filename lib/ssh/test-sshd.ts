import "server-only";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

// Test support only (imported by lib/ssh/*.test.ts): throwaway keys and a real OpenSSH
// server on 127.0.0.1, so the SSH code is tested against the real thing, not a mock.

export type TestKeys = {
  dir: string;
  /** In authorized_keys. */
  ed25519: string;
  rsa: string;
  /** In authorized_keys, encrypted with `passphrase`. */
  encrypted: string;
  passphrase: string;
  /** Valid, but NOT in authorized_keys. */
  stranger: string;
  ed25519Pub: string;
};

export function makeKeys(prefix = "netdiag-ssh-"): TestKeys {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const gen = (name: string, type: string, passphrase = "", extra: string[] = []) => {
    execFileSync("ssh-keygen", ["-q", "-t", type, ...extra, "-N", passphrase, "-C", `netdiag-test-${name}`, "-f", path.join(dir, name)]);
    return fs.readFileSync(path.join(dir, name), "utf8");
  };
  const passphrase = "correct horse battery";
  const keys: TestKeys = {
    dir,
    ed25519: gen("ed25519", "ed25519"),
    rsa: gen("rsa", "rsa", "", ["-b", "2048"]),
    encrypted: gen("encrypted", "ed25519", passphrase),
    passphrase,
    stranger: gen("stranger", "ed25519"),
    ed25519Pub: fs.readFileSync(path.join(dir, "ed25519.pub"), "utf8"),
  };
  const authorized = ["ed25519", "rsa", "encrypted"].map((n) => fs.readFileSync(path.join(dir, `${n}.pub`), "utf8"));
  fs.writeFileSync(path.join(dir, "authorized_keys"), authorized.join(""), { mode: 0o644 });
  // sshd reads authorized_keys as the user logging in: test users (below) must reach it. The
  // private keys stay 0600.
  fs.chmodSync(dir, 0o755);
  return keys;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === "object" ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

export type TestSshd = {
  port: number;
  hostKeyPub: string;
  /** SHA256 fingerprint as `ssh-keygen -lf` prints it. */
  hostKeyFingerprint: string;
  /** Everything sshd printed on stderr (-e) so far. */
  log(): string;
  stop(): Promise<void>;
};

export type SshdOptions = {
  /** Extra sshd_config lines, e.g. "MaxSessions 1". */
  config?: string[];
};

export async function startSshd(keys: TestKeys, opts: SshdOptions = {}): Promise<TestSshd> {
  const dir = keys.dir;
  const hostKey = path.join(dir, "host_ed25519");
  if (!fs.existsSync(hostKey)) execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  const port = await freePort();
  const config = path.join(dir, `sshd_config.${port}`);
  fs.writeFileSync(
    config,
    [
      `ListenAddress 127.0.0.1:${port}`,
      `HostKey ${hostKey}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "PermitRootLogin prohibit-password",
      // Lets a password attempt reach sshd (and be refused: prohibit-password) for the leak test.
      "PasswordAuthentication yes",
      "KbdInteractiveAuthentication no",
      "StrictModes no",
      "UsePAM no",
      `PidFile ${path.join(dir, `sshd.${port}.pid`)}`,
      "LogLevel VERBOSE",
      ...(opts.config ?? []),
      "",
    ].join("\n"),
  );
  fs.mkdirSync("/run/sshd", { recursive: true }); // privilege separation directory
  const proc: ChildProcess = spawn("/usr/sbin/sshd", ["-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  proc.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  let exited = false;
  proc.on("exit", () => (exited = true));

  await waitForPort(port, () => (exited ? `sshd exited: ${log}` : null));
  const fp = execFileSync("ssh-keygen", ["-lf", `${hostKey}.pub`], { encoding: "utf8" }).split(" ")[1] ?? "";
  return {
    port,
    hostKeyPub: fs.readFileSync(`${hostKey}.pub`, "utf8"),
    hostKeyFingerprint: fp,
    log: () => log,
    stop: () =>
      new Promise((resolve) => {
        if (exited) return resolve();
        proc.once("exit", () => resolve());
        proc.kill("SIGTERM");
      }),
  };
}

/** Logins sshd has accepted so far. */
export function loginCount(sshd: TestSshd): number {
  return [...sshd.log().matchAll(/Accepted \S+ for /g)].length;
}

/** Client ports sshd accepted a login from (after the first `skip`) and has not logged a disconnect for. */
export function openSessions(sshd: TestSshd, skip = 0): string[] {
  const log = sshd.log();
  const accepted = [...log.matchAll(/Accepted \S+ for \S+ from 127\.0\.0\.1 port (\d+)/g)].map((m) => m[1] ?? "");
  const closed = new Set([...log.matchAll(/Disconnected from user \S+ 127\.0\.0\.1 port (\d+)/g)].map((m) => m[1]));
  return accepted.slice(skip).filter((p) => !closed.has(p));
}

/** Polls with real connects until something accepts; fails fast if `dead()` says why. */
async function waitForPort(port: number, dead: () => string | null, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const why = dead();
    if (why) throw new Error(why);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), resolve(true)));
      s.once("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on ${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Local users with a given login shell and rc files, so the SSH code meets zsh, fish, tcsh,
 * busybox ash and chatty or slow rc files for real. Fixed names ("ndssh-" + suffix) and fixed
 * homes under TEST_USER_HOMES, created or updated idempotently (same content every run, so
 * parallel runs agree); left in place for the next run. Needs root and the shells installed:
 * testUserProblem() says what is missing.
 */
export const TEST_USER_HOMES = "/var/tmp/netdiag-ssh-test-users";

export type TestUserSpec = {
  suffix: string;
  /** Absolute path; for busybox, a symlink named like the applet (sshd runs it as argv[0]). */
  shell: string;
  /** Paths relative to the home directory -> content. */
  files: Record<string, string>;
};

export type TestUser = { name: string; home: string };

export function testUserProblem(shells: string[] = []): string | null {
  if (process.getuid?.() !== 0) return "The login-shell tests create local users: run them as root (npm test does).";
  const missing = shells.filter((s) => !fs.existsSync(s));
  return missing.length
    ? `The login-shell tests need ${missing.join(", ")}: apt-get install zsh fish tcsh busybox (scripts/setup.sh).`
    : null;
}

export function ensureTestUser(spec: TestUserSpec): TestUser {
  const name = `ndssh-${spec.suffix}`;
  const home = path.join(TEST_USER_HOMES, name);
  fs.mkdirSync(home, { recursive: true });
  const exists = exitsZero("id", ["-u", name]);
  // "*": no password, but not locked ("!"), which sshd without PAM would refuse.
  const args = ["-d", home, "-s", spec.shell, "-p", "*"];
  if (exists) execFileSync("usermod", [...args, name]);
  else execFileSync("useradd", ["-M", ...args, name]);
  for (const [rel, content] of Object.entries(spec.files)) {
    const file = path.join(home, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, "utf8") !== content) fs.writeFileSync(file, content);
  }
  execFileSync("chown", ["-R", `${name}:`, home]);
  return { name, home };
}

function exitsZero(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
