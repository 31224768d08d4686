import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ValidationError } from "@/lib/errors";
import { isValidAddress, parseHostInput, parseHostPatch, parseId } from "./host";

let key = "";
beforeAll(() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netdiag-val-"));
  execFileSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path.join(dir, "k")]);
  key = fs.readFileSync(path.join(dir, "k"), "utf8");
  fs.rmSync(dir, { recursive: true });
});

const base = () => ({ name: "nas", address: "192.168.1.10", port: 22, username: "root", privateKey: key });

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).fields ?? {};
  }
  throw new Error("expected a validation error");
}

describe("host addresses", () => {
  test.each(["10.0.0.5", "fe80::1", "[2001:db8::5]", "nas.lan", "pve-01", "a.b-c.example"])("%s is accepted", (a) => {
    expect(isValidAddress(a)).toBe(true);
  });
  test.each(["10.0.0.300", "-oProxyCommand=x", "$(id)", "a b", "x\nrm -rf /", "host_name", "a..b", ""])("%j is refused", (a) => {
    expect(isValidAddress(a)).toBe(false);
  });
});

describe("host input", () => {
  test("a good host with a key parses, defaults platform to auto", () => {
    expect(parseHostInput(base())).toMatchObject({ name: "nas", port: 22, platform: "auto", privateKey: key });
  });

  test("netdiag's own key needs no secret, and refuses one given beside it", () => {
    const rest: Record<string, unknown> = { ...base(), useNetdiagKey: true };
    delete rest.privateKey;
    expect(parseHostInput(rest)).toMatchObject({ useNetdiagKey: true });
    expect(() => parseHostInput({ ...base(), useNetdiagKey: true })).toThrow(expect.objectContaining({ fields: { privateKey: "netdiag's own key is chosen: leave the private key empty" } }));
  });

  test("a confirmed host key fingerprint must look like one", () => {
    expect(parseHostInput({ ...base(), hostKeyFingerprint: `SHA256:${"A".repeat(43)}` })).toMatchObject({ hostKeyFingerprint: `SHA256:${"A".repeat(43)}` });
    expect(() => parseHostInput({ ...base(), hostKeyFingerprint: "SHA256:abc;id" })).toThrow(ValidationError);
  });

  test("port defaults to 22 and a password-only host is fine", () => {
    const rest: Record<string, unknown> = { ...base(), password: "hunter2hunter2" };
    delete rest.privateKey;
    delete rest.port;
    expect(parseHostInput(rest)).toMatchObject({ port: 22, password: "hunter2hunter2" });
  });

  test.each([
    ["name", { name: "a;reboot" }],
    ["name", { name: "`id`" }],
    ["name", { name: "x".repeat(65) }],
    ["address", { address: "10.0.0.300" }],
    ["port", { port: 0 }],
    ["port", { port: 65536 }],
    ["port", { port: 22.5 }],
    ["port", { port: "22" }],
    ["username", { username: "root\nid" }],
    ["username", { username: "$(id)" }],
    ["privateKey", { privateKey: "-----BEGIN OPENSSH PRIVATE KEY-----\ngarbage\n-----END OPENSSH PRIVATE KEY-----\n" }],
    ["privateKey", { privateKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHc2 me@laptop" }],
    ["platform", { platform: "amiga" }],
    ["shell", { shell: "/bin/sh" }],
  ])("a bad %s is named in the error", (field, patch) => {
    expect(Object.keys(fieldsOf(() => parseHostInput({ ...base(), ...patch })))).toContain(field);
  });

  test("no credential, or both, is refused", () => {
    const noKey: Record<string, unknown> = { ...base() };
    delete noKey.privateKey;
    expect(fieldsOf(() => parseHostInput(noKey))).toHaveProperty("privateKey");
    expect(fieldsOf(() => parseHostInput({ ...base(), password: "also" }))).toHaveProperty("password");
  });

  test("edits may leave secrets empty to keep them", () => {
    expect(parseHostPatch({ name: "nas2", privateKey: "", password: "" })).toEqual({ name: "nas2", privateKey: undefined, password: undefined, passphrase: undefined });
  });

  test.each(["1", "42"])("id %s parses", (id) => expect(parseId(id)).toBe(Number(id)));
  test.each(["0", "-1", "1e3", "abc", "01", "99999999999"])("id %j is refused", (id) => {
    expect(() => parseId(id)).toThrow(ValidationError);
  });
});

describe("host sites", () => {
  test("a site is folded to lower case; absent or empty is the default site on create, absent keeps it on edit", () => {
    expect(parseHostInput({ ...base(), site: " Parents " }).site).toBe("parents");
    expect(parseHostInput({ ...base(), site: "" }).site).toBe("default");
    expect(parseHostInput(base()).site).toBeUndefined();
    expect(parseHostPatch({ site: "vps-1" }).site).toBe("vps-1");
    expect(parseHostPatch({ port: 2222 }).site).toBeUndefined();
  });

  test.each(["my house", "../etc", "-x", "x".repeat(41)])("%s is refused beside the site field", (site) => {
    expect(fieldsOf(() => parseHostInput({ ...base(), site }))).toEqual({ site: "Use lower-case letters, digits, dots, dashes or underscores (at most 40)" });
  });
});
