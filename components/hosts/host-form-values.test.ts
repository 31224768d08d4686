import { expect, test } from "vitest";
import { formErrorMessage, readHostForm, splitFieldErrors } from "./host-form-values";

const form = (v: Record<string, string>) => (k: string) => v[k] ?? "";
const base = { name: " nas ", address: "10.0.0.5", port: "22", username: "root", platform: "auto" };

test("create with a key sends trimmed fields, a numeric port and the key", () => {
  const { body, errors } = readHostForm(form({ ...base, privateKey: "KEY", passphrase: "pp" }), "key", { kind: "create" });
  expect(errors).toEqual({});
  expect(body).toEqual({ name: "nas", address: "10.0.0.5", port: 22, username: "root", platform: "auto", site: "default", legacySshAlgorithms: false, privateKey: "KEY", passphrase: "pp" });
});

test("the site is folded to lower case, empty is the default site, and a bad one is named beside its field", () => {
  expect(readHostForm(form({ ...base, site: " Parents ", password: "pw" }), "password", { kind: "create" }).body.site).toBe("parents");
  expect(readHostForm(form({ ...base, site: "", password: "pw" }), "password", { kind: "create" }).body.site).toBe("default");
  const { errors } = readHostForm(form({ ...base, site: "my house", password: "pw" }), "password", { kind: "create" });
  expect(errors).toEqual({ site: "Use lower-case letters, digits, dots, dashes or underscores (at most 40)" });
});

test("create requires the fields and the secret of the chosen method", () => {
  const { errors } = readHostForm(form({ port: "70000" }), "password", { kind: "create" });
  expect(Object.keys(errors).sort()).toEqual(["address", "name", "password", "port", "username"]);
});

test("password login never sends a key or passphrase", () => {
  const { body } = readHostForm(form({ ...base, privateKey: "KEY", password: "pw" }), "password", { kind: "create" });
  expect(body.password).toBe("pw");
  expect(body.privateKey).toBeUndefined();
});

test("edit with empty secrets keeps the stored ones", () => {
  const { body, errors } = readHostForm(form(base), "key", { kind: "edit", storedAuth: "key" });
  expect(errors).toEqual({});
  expect("privateKey" in body || "password" in body || "passphrase" in body).toBe(false);
});

test("edit switching method needs the new secret", () => {
  const { errors } = readHostForm(form(base), "password", { kind: "edit", storedAuth: "key" });
  expect(errors.password).toBeDefined();
});

test("API field errors split into known fields and the rest", () => {
  expect(splitFieldErrors({ address: "bad", body: "x" })).toEqual({ byField: { address: "bad" }, other: ["body: x"] });
});

test("the form-level message names the fields instead of repeating them", () => {
  expect(formErrorMessage("Invalid host: address: bad", { address: "bad", port: "x" })).toBe("The host was not saved. Check Address, Port.");
  expect(formErrorMessage("A host named nas already exists", {})).toBe("A host named nas already exists");
});

test("legacy SSH algorithms are on only when the box is ticked", () => {
  expect(readHostForm(form({ ...base, password: "pw", legacySshAlgorithms: "on" }), "password", { kind: "create" }).body.legacySshAlgorithms).toBe(true);
  expect(readHostForm(form({ ...base, password: "pw" }), "password", { kind: "create" }).body.legacySshAlgorithms).toBe(false);
});

test("netdiag's own key sends no secret, only the choice", () => {
  const { body, errors } = readHostForm(form({ ...base, privateKey: "KEY", password: "pw" }), "netdiag", { kind: "create" });
  expect(errors).toEqual({});
  expect(body).toMatchObject({ useNetdiagKey: true });
  expect(body.privateKey).toBeUndefined();
  expect(body.password).toBeUndefined();
});
