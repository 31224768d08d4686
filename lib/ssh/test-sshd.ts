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
  fs.writeFileSync(path.join(dir, "authorized_keys"), authorized.join(""));
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

export async function startSshd(keys: TestKeys): Promise<TestSshd> {
  const dir = keys.dir;
  const hostKey = path.join(dir, "host_ed25519");
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", hostKey]);
  const port = await freePort();
  const config = path.join(dir, "sshd_config");
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
      `PidFile ${path.join(dir, "sshd.pid")}`,
      "LogLevel VERBOSE",
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
