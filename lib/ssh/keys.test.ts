import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { fingerprintOf, hostKeyInfoOfLine, keyAlgorithmOf } from "./fingerprint";
import { checkPrivateKey } from "./keys";
import { makeKeys, type TestKeys } from "./test-sshd";

let keys: TestKeys;
beforeAll(() => {
  keys = makeKeys();
});
afterAll(() => fs.rmSync(keys.dir, { recursive: true, force: true }));

describe("checkPrivateKey", () => {
  test.each([
    ["ed25519", () => checkPrivateKey(keys.ed25519), { ok: true, type: "ssh-ed25519" }],
    ["RSA", () => checkPrivateKey(keys.rsa), { ok: true, type: "ssh-rsa" }],
    ["encrypted, right passphrase", () => checkPrivateKey(keys.encrypted, keys.passphrase), { ok: true, type: "ssh-ed25519" }],
    ["unencrypted, needless passphrase", () => checkPrivateKey(keys.ed25519, "whatever"), { ok: true, type: "ssh-ed25519" }],
    ["encrypted, no passphrase", () => checkPrivateKey(keys.encrypted), { ok: false, reason: "encrypted: passphrase required" }],
    ["encrypted, empty passphrase", () => checkPrivateKey(keys.encrypted, ""), { ok: false, reason: "encrypted: passphrase required" }],
    ["encrypted, wrong passphrase", () => checkPrivateKey(keys.encrypted, "nope"), { ok: false, reason: "wrong passphrase" }],
    ["a public key", () => checkPrivateKey(keys.ed25519Pub), { ok: false, reason: "public key pasted instead of private" }],
    ["garbage", () => checkPrivateKey("hello, I am not a key"), { ok: false, reason: "not a private key" }],
    ["empty", () => checkPrivateKey("  \n"), { ok: false, reason: "not a private key" }],
    ["truncated", () => checkPrivateKey(keys.ed25519.slice(0, 120)), { ok: false, reason: "not a private key" }],
  ])("%s", (_, run, expected) => {
    expect(run()).toEqual(expected);
  });
});

describe("fingerprint", () => {
  test.each(["ed25519", "rsa"])("matches ssh-keygen -lf for %s", (name) => {
    const pubFile = path.join(keys.dir, `${name}.pub`);
    const [, expected] = execFileSync("ssh-keygen", ["-lf", pubFile], { encoding: "utf8" }).split(" ");
    const info = hostKeyInfoOfLine(fs.readFileSync(pubFile, "utf8"));
    expect(info).toEqual({ fingerprint: expected, algorithm: name === "rsa" ? "ssh-rsa" : "ssh-ed25519" });
  });

  test("has no base64 padding", () => {
    expect(fingerprintOf(Buffer.from("x"))).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  test.each([
    ["too short", Buffer.from([0, 0])],
    ["length past the end", Buffer.from([0, 0, 0, 9, 0x61])],
    ["not printable", Buffer.from([0, 0, 0, 2, 0x0a, 0x0b])],
  ])("algorithm of a malformed blob (%s) is 'unknown'", (_, blob) => {
    expect(keyAlgorithmOf(blob)).toBe("unknown");
  });

  test("a malformed public key line is null", () => {
    expect(hostKeyInfoOfLine("ssh-ed25519")).toBeNull();
    expect(hostKeyInfoOfLine("ssh-ed25519 not*base64")).toBeNull();
  });
});
