import "server-only";
import { utils, type ParsedKey } from "ssh2";

export type PrivateKeyProblem =
  | "not a private key"
  | "encrypted: passphrase required"
  | "wrong passphrase"
  | "public key pasted instead of private";

export type KeyCheck = { ok: true; type: string } | { ok: false; reason: PrivateKeyProblem };

/** For form validation: can this text (with this passphrase) log in? Never echoes the key. */
export function checkPrivateKey(text: string, passphrase?: string): KeyCheck {
  const parsed = parsePrivateKey(text, passphrase);
  return parsed.ok ? { ok: true, type: parsed.type } : parsed;
}

export function parsePrivateKey(
  text: string,
  passphrase?: string,
): { ok: true; type: string; key: ParsedKey } | { ok: false; reason: PrivateKeyProblem } {
  if (text.trim() === "") return { ok: false, reason: "not a private key" };
  // An empty passphrase field means "none"; ssh2 treats "" as a passphrase.
  const result: ParsedKey | ParsedKey[] | Error = utils.parseKey(text, passphrase || undefined);
  if (result instanceof Error) return { ok: false, reason: problemFrom(result.message) };
  // OpenSSH's format can hold several keys; every tool (and ssh2's client) uses the first.
  const key = Array.isArray(result) ? result[0] : result;
  if (!key) return { ok: false, reason: "not a private key" };
  if (!key.isPrivateKey()) return { ok: false, reason: "public key pasted instead of private" };
  return { ok: true, type: key.type, key };
}

// ssh2 reports these only as message text (keyParser.js); matched loosely across formats
// (OpenSSH "... but no passphrase given", PEM "Bad passphrase?", PPK "... integrity check failed").
function problemFrom(message: string): PrivateKeyProblem {
  if (/no passphrase given/i.test(message)) return "encrypted: passphrase required";
  if (/bad passphrase|integrity check failed|decrypt/i.test(message)) return "wrong passphrase";
  return "not a private key";
}

/** A new ed25519 key pair in OpenSSH formats: the private key for netdiag, the public line for authorized_keys. */
export function generateSshKeyPair(comment: string): { privateKey: string; publicKey: string } {
  const pair = utils.generateKeyPairSync("ed25519", { comment });
  return { privateKey: pair.private, publicKey: pair.public.trim() };
}
