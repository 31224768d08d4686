import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { createCipheriv } from "node:crypto";
import { KEY_FILE_NAME, SecretDecryptError, createSecretBox, isLegacyEnvelope, loadOrCreateKeyFile, resolveSecretKey, type SecretContext } from "./secrets";

const tmpDirs: string[] = [];
function tmpDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-secrets-"));
  tmpDirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of tmpDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const box = createSecretBox(randomBytes(32));
const CTX: SecretContext = { hostId: 7, field: "password" };

/** Flips one bit of the decoded field `index` (1 iv, 2 tag, 3 ciphertext). */
function tamper(envelope: string, index: number): string {
  const parts = envelope.split(":");
  const bytes = Buffer.from(parts[index] ?? "", "base64");
  bytes[0] = (bytes[0] ?? 0) ^ 1;
  parts[index] = bytes.toString("base64");
  return parts.join(":");
}

describe("secret box", () => {
  const pem = (() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-pem-"));
    try {
      execFileSync("ssh-keygen", ["-q", "-t", "rsa", "-b", "4096", "-m", "PEM", "-N", "", "-f", path.join(dir, "k")]);
      return fs.readFileSync(path.join(dir, "k"), "utf8");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();

  test.each([
    ["ascii", "hunter2"],
    ["empty", ""],
    ["unicode", "pässwörd 🔑 пароль 密码"],
    ["multi-KB PEM", pem],
  ])("round trip: %s", (_, plain) => {
    const envelope = box.encrypt(plain, CTX);
    expect(envelope).toMatch(/^v2:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
    expect(box.decrypt(envelope, CTX)).toBe(plain);
  });

  test("the PEM is really multi-KB", () => {
    expect(pem.length).toBeGreaterThan(3000);
    expect(pem).toContain("PRIVATE KEY");
  });

  test.each([
    ["another host's row", { hostId: 8, field: "password" } as SecretContext],
    ["another field of the same host", { hostId: 7, field: "privateKey" } as SecretContext],
  ])("an envelope copied into %s does not open", (_, elsewhere) => {
    const envelope = box.encrypt("host 7's password", CTX);
    expect(() => box.decrypt(envelope, elsewhere)).toThrow(SecretDecryptError);
  });

  test("a v1 envelope (written before envelopes were bound to a host) still opens, and is recognised as legacy", () => {
    const key = randomBytes(32);
    // The v1 format, written out by hand: one associated data for every secret.
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: 16 });
    cipher.setAAD(Buffer.from("netdiag-secret:v1"));
    const ct = Buffer.concat([cipher.update("old password", "utf8"), cipher.final()]);
    const v1 = ["v1", iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
    expect(isLegacyEnvelope(v1)).toBe(true);
    expect(createSecretBox(key).decrypt(v1, CTX)).toBe("old password");
    expect(isLegacyEnvelope(createSecretBox(key).encrypt("new", CTX))).toBe(false);
  });

  test("two encryptions of the same text differ", () => {
    expect(box.encrypt("same", CTX)).not.toBe(box.encrypt("same", CTX));
  });

  test.each([
    ["iv", 1],
    ["tag", 2],
    ["ciphertext", 3],
  ])("tampered %s is rejected", (_, index) => {
    const envelope = box.encrypt("secret value", CTX);
    expect(() => box.decrypt(tamper(envelope, index), CTX)).toThrow(SecretDecryptError);
  });

  test.each([
    ["unknown version", (e: string) => e.replace(/^v2:/, "v9:")],
    ["missing part", (e: string) => e.split(":").slice(0, 3).join(":")],
    ["truncated tag", (e: string) => e.split(":").map((p, i) => (i === 2 ? Buffer.from(p, "base64").subarray(0, 4).toString("base64") : p)).join(":")],
    ["not an envelope", () => "hunter2"],
  ])("%s is rejected", (_, mangle) => {
    expect(() => box.decrypt(mangle(box.encrypt("secret value", CTX)), CTX)).toThrow(SecretDecryptError);
  });

  test("a different key is rejected, without the secret in the error", () => {
    const envelope = box.encrypt("top-secret-password", CTX);
    const other = createSecretBox(randomBytes(32));
    let error: unknown;
    try {
      other.decrypt(envelope, CTX);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SecretDecryptError);
    expect((error as SecretDecryptError).code).toBe("secret-decrypt");
    expect(String(error)).not.toContain("top-secret-password");
  });

  test("keys must be 32 bytes", () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});

describe("key source", () => {
  test("a generated key file is private and reused", () => {
    const dataDir = path.join(tmpDir(), "nested", "data"); // created on demand
    const first = loadOrCreateKeyFile(dataDir);
    const file = path.join(dataDir, KEY_FILE_NAME);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.length).toBe(32);
    expect(loadOrCreateKeyFile(dataDir).equals(first)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([KEY_FILE_NAME]); // no temp files left behind

    const envelope = createSecretBox(first).encrypt("survives a restart", CTX);
    expect(createSecretBox(resolveSecretKey({ secretKey: undefined, dataDir })).decrypt(envelope, CTX)).toBe("survives a restart");
  });

  test("processes starting together agree on one key", async () => {
    const dataDir = tmpDir();
    const script = `
      const mod = await import(${JSON.stringify(path.resolve(__dirname, "secrets.ts"))});
      const { loadOrCreateKeyFile } = mod.default ?? mod; // the package is CommonJS to tsx
      process.stdout.write(loadOrCreateKeyFile(${JSON.stringify(dataDir)}).toString("hex"));
    `;
    // tsx runs the real module; "react-server" makes the server-only import a no-op.
    const run = () =>
      new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ["--conditions=react-server", "--import", "tsx", "--input-type=module", "-e", script],
          { cwd: path.resolve(__dirname, "../.."), encoding: "utf8" },
          (err, stdout) => (err ? reject(err) : resolve(stdout)),
        );
      });
    const keys = await Promise.all(Array.from({ length: 6 }, run));
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), "utf8").trim()).toBe(keys[0]);
  }, 30_000);

  test("a damaged key file is an error, never silently replaced", () => {
    const dataDir = tmpDir();
    fs.writeFileSync(path.join(dataDir, KEY_FILE_NAME), "not a key\n");
    expect(() => loadOrCreateKeyFile(dataDir)).toThrow(/does not hold a 32-byte key/);
    expect(fs.readFileSync(path.join(dataDir, KEY_FILE_NAME), "utf8")).toBe("not a key\n");
  });

  test.each([
    ["hex", (k: Buffer) => k.toString("hex")],
    ["base64", (k: Buffer) => k.toString("base64")],
  ])("NETDIAG_SECRET_KEY (%s) is used when given, and no file is written", (_, encode) => {
    const dataDir = tmpDir();
    const key = randomBytes(32);
    const resolved = resolveSecretKey({ secretKey: encode(key), dataDir });
    expect(resolved.equals(key)).toBe(true);
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(createSecretBox(key).decrypt(createSecretBox(resolved).encrypt("x", CTX), CTX)).toBe("x");
  });
});

describe("netdiag's own SSH key", () => {
  test("opens only as the app's key: not as any host's private key, and no host's envelope opens as it", () => {
    const envelope = box.encrypt("-----BEGIN OPENSSH PRIVATE KEY-----", { app: "sshKey" });
    expect(box.decrypt(envelope, { app: "sshKey" })).toBe("-----BEGIN OPENSSH PRIVATE KEY-----");
    expect(() => box.decrypt(envelope, { hostId: 1, field: "privateKey" })).toThrow(SecretDecryptError);
    const hostKey = box.encrypt("host key", { hostId: 1, field: "privateKey" });
    expect(() => box.decrypt(hostKey, { app: "sshKey" })).toThrow(SecretDecryptError);
  });
});
