import { expect, test } from "vitest";
import { readChannelForm, type FormReader } from "./channel-form-values";

const form = (values: Record<string, string | string[]>): FormReader => ({
  get: (n) => {
    const v = values[n];
    return Array.isArray(v) ? (v[0] ?? "") : (v ?? "");
  },
  all: (n) => {
    const v = values[n];
    return Array.isArray(v) ? v : v === undefined ? [] : [v];
  },
});

const rulesDefault = { notifyRaised: "on" };

test("a new webhook: the type's fields, enabled and the rules, flat as the API takes them", () => {
  const { body, errors } = readChannelForm(
    "webhook",
    form({ name: " Alerts ", url: " https://hooks.example/x ", secret: "0123456789abcdef", enabled: "on", minSeverity: "critical", kinds: ["duplicate-mac", "bogus"], hostIds: ["3", "5"], ...rulesDefault, quietStart: "22:00", quietEnd: "07:00" }),
    { kind: "create" },
  );
  expect(errors).toEqual({});
  expect(body).toEqual({
    type: "webhook",
    enabled: true,
    name: "Alerts",
    minSeverity: "critical",
    url: "https://hooks.example/x",
    secret: "0123456789abcdef",
    rules: { kinds: ["duplicate-mac"], hostIds: [3, 5], notifyRaised: true, notifyResolved: false, quietHours: { start: "22:00", end: "07:00" } },
  });
});

test("an optional field left empty is left out on create", () => {
  const { body } = readChannelForm("ntfy", form({ name: "n", serverUrl: "https://ntfy.sh", topic: "t", token: "" }), { kind: "create" });
  expect(body).not.toHaveProperty("token");
});

test("on edit: an empty stored secret is kept (left out), its remove box clears it, an emptied plain field is cleared", () => {
  const base = { name: "m", host: "smtp.example", port: "587", security: "starttls", username: "", password: "", from: "a@b.c", to: "x@y.z, w@y.z\nv@y.z" };
  const kept = readChannelForm("email", form(base), { kind: "edit", secretsSet: ["password"] }).body;
  expect(kept).not.toHaveProperty("password");
  expect(kept).toMatchObject({ username: null, port: 587, to: ["x@y.z", "w@y.z", "v@y.z"] });
  expect(kept).not.toHaveProperty("type");
  const cleared = readChannelForm("email", form({ ...base, "clear-password": "on" }), { kind: "edit", secretsSet: ["password"] }).body;
  expect(cleared).toMatchObject({ password: null });
});

test("a required secret may stay empty on edit, not on create", () => {
  const values = form({ name: "g", serverUrl: "https://gotify.example", appToken: "" });
  expect(readChannelForm("gotify", values, { kind: "edit", secretsSet: ["appToken"] }).errors).toEqual({});
  expect(readChannelForm("gotify", values, { kind: "create" }).errors).toEqual({ appToken: "Application token is required" });
});

test.each([
  ["a port that is not a number", { port: "smtp" }, { port: "Port is 1 to 65535" }],
  ["quiet hours with only a start", { quietStart: "22:00" }, { "rules.quietHours.end": "Give both start and end, or neither" }],
  ["no name", { name: "" }, { name: "Name is required" }],
])("%s is named beside its field before any request", (_what, change, expected) => {
  const values = { name: "m", host: "smtp.example", port: "25", security: "none", from: "a@b.c", to: "x@y.z", ...change };
  expect(readChannelForm("email", form(values), { kind: "create" }).errors).toEqual(expected);
});
