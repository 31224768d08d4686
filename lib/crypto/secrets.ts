import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { decodeKey, env } from "@/lib/env";

/**
 * Credentials at rest (SSH keys, passphrases, passwords) as AES-256-GCM envelopes:
 * "v2:<iv b64>:<tag b64>:<ciphertext b64>". The associated data binds each envelope to the
 * host row and field it was written for, so a database writer who copies host A's password
 * envelope into host B's row (or into B's key field) gets a decryption error, not A's
 * password sent to B. v1 envelopes (one associated data for every secret) are still read,
 * and rewritten as v2 by the caller (lib/queries/hosts.ts) the first time they are used.
 */
const VERSION = "v2";
const LEGACY_VERSION = "v1";
const LEGACY_AAD = Buffer.from(`netdiag-secret:${LEGACY_VERSION}`);
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
export const KEY_FILE_NAME = "secret.key";

export class SecretDecryptError extends Error {
  readonly code = "secret-decrypt" as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SecretDecryptError";
  }
}

/** Where a secret lives: its envelope only opens there. */
export type HostSecretContext = { hostId: number; field: "privateKey" | "passphrase" | "password" };
/** A notification channel's token, password or secret URL. */
export type ChannelSecretContext = { channelId: number; field: string };
export type SecretContext = HostSecretContext | ChannelSecretContext | { app: "sshKey" };

function aad(ctx: SecretContext): Buffer {
  if ("app" in ctx) return Buffer.from(`netdiag-secret:${VERSION}:app:${ctx.app}`);
  if ("channelId" in ctx) return Buffer.from(`netdiag-secret:${VERSION}:channel:${ctx.channelId}:${ctx.field}`);
  return Buffer.from(`netdiag-secret:${VERSION}:host:${ctx.hostId}:${ctx.field}`);
}

export type SecretBox = {
  encrypt(plain: string, ctx: SecretContext): string;
  decrypt(envelope: string, ctx: SecretContext): string;
};

export function isLegacyEnvelope(envelope: string): boolean {
  return envelope.startsWith(`${LEGACY_VERSION}:`);
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
  const k = Buffer.from(key); // our own copy: the caller may reuse or zero theirs
  return {
    encrypt(plain, ctx) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", k, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(aad(ctx));
      const ct = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), ct.toString("base64")].join(":");
    },
    decrypt(envelope, ctx) {
      const [version, ivB64, tagB64, ctB64, ...rest] = envelope.split(":");
      const known = version === VERSION || version === LEGACY_VERSION;
      if (!known || ivB64 === undefined || tagB64 === undefined || ctB64 === undefined || rest.length > 0) {
        throw new SecretDecryptError("The stored secret is not in a format netdiag knows (expected a v2 or v1 envelope).");
      }
      const iv = Buffer.from(ivB64, "base64");
      const tag = Buffer.from(tagB64, "base64");
      // Without authTagLength Node accepts truncated tags (down to 4 bytes), which weakens GCM.
      if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
        throw new SecretDecryptError("The stored secret is damaged (bad IV or tag length).");
      }
      try {
        const decipher = createDecipheriv("aes-256-gcm", k, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(version === VERSION ? aad(ctx) : LEGACY_AAD);
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(Buffer.from(ctB64, "base64")), decipher.final()]).toString("utf8");
      } catch (cause) {
        throw new SecretDecryptError(
          "A stored secret could not be decrypted: it was altered, copied from another host or field, or it was " +
            "encrypted with a different key (NETDIAG_SECRET_KEY or the data directory's secret.key changed). " +
            "Re-enter the host's credentials.",
          { cause },
        );
      }
    },
  };
}

/** NETDIAG_SECRET_KEY when set, else `<dataDir>/secret.key`, created on first use. */
export function resolveSecretKey(source: { secretKey: string | undefined; dataDir: string }): Buffer {
  if (source.secretKey) {
    const key = decodeKey(source.secretKey);
    if (!key) throw new Error("NETDIAG_SECRET_KEY must be 32 bytes, written as 64 hex characters or base64");
    return key;
  }
  return loadOrCreateKeyFile(source.dataDir);
}

/**
 * Reads the key file, or creates it. Creation writes a private temp file and hard-links it
 * into place: link() fails with EEXIST if another process won the race, and the winner's
 * file is complete when it appears, so both processes end up with the same key. (A plain
 * "wx" write would let the loser read a file that exists but is still empty.)
 */
export function loadOrCreateKeyFile(dataDir: string): Buffer {
  const file = path.join(dataDir, KEY_FILE_NAME);
  const existing = readKeyFile(file);
  if (existing) return existing;

  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  fs.writeFileSync(tmp, `${randomBytes(KEY_BYTES).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  try {
    fs.linkSync(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  const key = readKeyFile(file);
  if (!key) throw new Error(`${file} was just created but cannot be read back`);
  return key;
}

function readKeyFile(file: string): Buffer | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  const key = decodeKey(text);
  // Never replace a damaged key file: that would make every stored secret unreadable.
  if (!key) throw new Error(`${file} does not hold a 32-byte key (64 hex characters or base64); fix or restore it`);
  return key;
}

let defaultBox: SecretBox | undefined;
function box(): SecretBox {
  defaultBox ??= createSecretBox(resolveSecretKey(env()));
  return defaultBox;
}

export function encryptSecret(plain: string, ctx: SecretContext): string {
  return box().encrypt(plain, ctx);
}

export function decryptSecret(envelope: string, ctx: SecretContext): string {
  return box().decrypt(envelope, ctx);
}
