import "server-only";
import { createHash } from "node:crypto";

export type HostKeyInfo = {
  /** OpenSSH style, as `ssh-keygen -lf` prints it: "SHA256:" + unpadded base64. */
  fingerprint: string;
  /** Key type from the blob, e.g. "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256". */
  algorithm: string;
};

/** Fingerprint of a raw SSH public key blob (RFC 4253 §6.6 encoding, not the base64 text). */
export function fingerprintOf(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/**
 * The blob starts with the key type as an SSH string (uint32 length + ASCII). We read it
 * rather than trusting what was negotiated: an RSA key negotiated as rsa-sha2-512 is
 * still an "ssh-rsa" key, which is what `ssh-keygen -l` and known_hosts call it.
 */
export function keyAlgorithmOf(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const len = blob.readUInt32BE(0);
  if (len === 0 || len > 64 || 4 + len > blob.length) return "unknown";
  const name = blob.toString("latin1", 4, 4 + len);
  return /^[\x21-\x7e]+$/.test(name) ? name : "unknown";
}

export function hostKeyInfoOf(blob: Buffer): HostKeyInfo {
  return { fingerprint: fingerprintOf(blob), algorithm: keyAlgorithmOf(blob) };
}

/** Same, for an OpenSSH public key line ("ssh-ed25519 AAAA... comment"); null if malformed. */
export function hostKeyInfoOfLine(line: string): HostKeyInfo | null {
  const b64 = line.trim().split(/\s+/)[1];
  if (!b64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return null;
  return hostKeyInfoOf(Buffer.from(b64, "base64"));
}
