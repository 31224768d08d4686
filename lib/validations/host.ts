import "server-only";
import { z } from "zod";
import { PLATFORMS } from "@/lib/domain/platform";
import type { HostInput, HostPatch } from "@/lib/domain/host";
import { DEFAULT_SITE, normalizeSite, SITE_RULE } from "@/lib/domain/site";
import { checkPrivateKey } from "@/lib/ssh/keys";
import { ValidationError } from "@/lib/errors";
import { ADDRESS_MAX, HOST_NAME, HOST_NAME_MAX, isValidAddress, PORT_MAX, PORT_MIN, USERNAME } from "./host-rules";

export { isValidAddress };

const name = z
  .string({ error: "Name must be text" })
  .trim()
  .min(1, "Name is required")
  .max(HOST_NAME_MAX, `Name is at most ${HOST_NAME_MAX} characters`)
  .regex(HOST_NAME, "Use letters, digits, spaces, dots, dashes or underscores");
const address = z
  .string({ error: "Address must be text" })
  .trim()
  .min(1, "Address is required")
  .max(ADDRESS_MAX, `Address is at most ${ADDRESS_MAX} characters`)
  .refine(isValidAddress, "Not an IPv4/IPv6 address or DNS name")
  .transform((v) => (v.startsWith("[") ? v.slice(1, -1) : v));
const port = z
  .number({ error: "Port must be a number" })
  .int("Port must be a whole number")
  .min(PORT_MIN, `Port must be between ${PORT_MIN} and ${PORT_MAX}`)
  .max(PORT_MAX, `Port must be between ${PORT_MIN} and ${PORT_MAX}`);
const username = z
  .string({ error: "Username must be text" })
  .trim()
  .min(1, "Username is required")
  .regex(USERNAME, "Use letters, digits and . _ - @ \\ only (at most 64)");
const secret = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .max(max, `${label} is at most ${max} characters`)
    .refine((v) => !v.includes("\0"), `${label} contains a NUL byte`);
const site = z
  .string({ error: "Site must be text" })
  .transform((v, ctx) => {
    // Empty in the form means the default site, as for a host nobody placed.
    if (v.trim() === "") return DEFAULT_SITE;
    const n = normalizeSite(v);
    if (n === null) ctx.addIssue({ code: "custom", message: SITE_RULE });
    return n ?? v;
  });
const platform = z.enum(["auto", ...PLATFORMS], { error: `Platform is one of auto, ${PLATFORMS.join(", ")}` });

const fields = {
  name,
  address,
  port,
  username,
  platform,
  privateKey: secret("Private key", 16_384).optional(),
  passphrase: secret("Passphrase", 1024).optional(),
  password: secret("Password", 1024).optional(),
  legacySshAlgorithms: z.boolean({ error: "Legacy SSH algorithms is true or false" }).optional(),
  useNetdiagKey: z.boolean({ error: "useNetdiagKey is true or false" }).optional(),
  site: site.optional(),
};

const fingerprint = z
  .string({ error: "Host key fingerprint must be text" })
  .regex(/^SHA256:[A-Za-z0-9+/]{43}$/, "Host key fingerprint is SHA256: followed by 43 base64 characters");

export const hostInputSchema = z.strictObject({ ...fields, port: port.default(22), platform: platform.default("auto"), hostKeyFingerprint: fingerprint.optional() });

/** "Test connection": the host form's fields, the name not needed yet. */
export const connectionTestSchema = hostInputSchema.extend({ name: z.string().optional() });
export const hostPatchSchema = z.strictObject({
  name: name.optional(),
  address: address.optional(),
  port: port.optional(),
  username: username.optional(),
  platform: platform.optional(),
  privateKey: fields.privateKey,
  passphrase: fields.passphrase,
  password: fields.password,
  legacySshAlgorithms: fields.legacySshAlgorithms,
  useNetdiagKey: fields.useNetdiagKey,
  site: fields.site,
});


/** First message per top-level field, as the form shows it beside the input. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key =
      issue.code === "unrecognized_keys" ? issue.keys.join(", ") : String(issue.path[0] ?? "body");
    out[key] ??= issue.code === "unrecognized_keys" ? "Unknown field" : issue.message;
  }
  return out;
}

function credentialErrors(v: { privateKey?: string; passphrase?: string; password?: string; useNetdiagKey?: boolean }, required: boolean) {
  const errors: Record<string, string> = {};
  const key = v.privateKey?.trim() ? v.privateKey : undefined;
  const password = v.password ? v.password : undefined;
  if (v.useNetdiagKey) {
    if (key) errors.privateKey = "netdiag's own key is chosen: leave the private key empty";
    if (password) errors.password = "netdiag's own key is chosen: leave the password empty";
    return errors;
  }
  if (key && password) errors.password = "Give a private key or a password, not both";
  if (required && !key && !password) errors.privateKey = "Give a private key or a password";
  if (key) {
    const checked = checkPrivateKey(key, v.passphrase || undefined);
    if (!checked.ok) errors[/passphrase/i.test(checked.reason) ? "passphrase" : "privateKey"] = checked.reason;
  }
  return errors;
}

function fail(errors: Record<string, string>): never {
  const list = Object.entries(errors).map(([k, m]) => `${k}: ${m}`);
  throw new ValidationError(`Invalid host: ${list.join("; ")}`, errors);
}

export function parseHostInput(body: unknown): HostInput {
  const parsed = hostInputSchema.safeParse(body);
  if (!parsed.success) fail(fieldErrors(parsed.error));
  const errors = credentialErrors(parsed.data, true);
  if (Object.keys(errors).length) fail(errors);
  const d = parsed.data;
  return { ...d, privateKey: d.privateKey?.trim() ? d.privateKey : undefined, password: d.password || undefined, passphrase: d.passphrase || undefined };
}

export function parseConnectionTest(body: unknown): Omit<HostInput, "name"> {
  const parsed = connectionTestSchema.safeParse(body);
  if (!parsed.success) fail(fieldErrors(parsed.error));
  const errors = credentialErrors(parsed.data, true);
  if (Object.keys(errors).length) fail(errors);
  const d = parsed.data;
  return { ...d, privateKey: d.privateKey?.trim() ? d.privateKey : undefined, password: d.password || undefined, passphrase: d.passphrase || undefined };
}

export function parseHostPatch(body: unknown): HostPatch {
  const parsed = hostPatchSchema.safeParse(body);
  if (!parsed.success) fail(fieldErrors(parsed.error));
  const errors = credentialErrors(parsed.data, false);
  if (Object.keys(errors).length) fail(errors);
  const d = parsed.data;
  // An empty secret field in the edit form means "keep the stored one".
  return { ...d, privateKey: d.privateKey?.trim() ? d.privateKey : undefined, password: d.password || undefined, passphrase: d.privateKey?.trim() ? d.passphrase : undefined };
}

export function parseId(raw: string, what = "Host"): number {
  if (!/^[1-9][0-9]{0,9}$/.test(raw)) throw new ValidationError(`${what} id must be a positive whole number`, { id: "Invalid id" });
  return Number(raw);
}

// Import (lib/import): a preview of pasted ssh_config or Ansible inventory text, then the
// hosts the user kept, all with the one credential given on the import form.
const importPreviewSchema = z.strictObject({
  source: z.enum(["ssh-config", "ansible"], { error: "Source is ssh-config or ansible" }),
  text: z.string({ error: "Text is required" }).min(1, "Paste or upload the file first"),
});
export type ImportPreviewInput = z.infer<typeof importPreviewSchema>;

export function parseImportPreview(body: unknown): ImportPreviewInput {
  const parsed = importPreviewSchema.safeParse(body);
  if (!parsed.success) fail(fieldErrors(parsed.error));
  return parsed.data;
}

/** How many hosts one import may create: a preview page's worth, not an inventory of 5,000. */
export const IMPORT_MAX_HOSTS = 500;

const importHostSchema = z.strictObject({ name: fields.name, address: fields.address, port: port.default(22), username: fields.username });
const importCreateSchema = z.strictObject({
  hosts: z.array(importHostSchema).min(1, "Select at least one host").max(IMPORT_MAX_HOSTS, `At most ${IMPORT_MAX_HOSTS} hosts at once`),
  platform: platform.default("auto"),
  site: fields.site,
  privateKey: fields.privateKey,
  passphrase: fields.passphrase,
  password: fields.password,
  useNetdiagKey: fields.useNetdiagKey,
});

/**
 * The hosts to create, each a full HostInput. A field error names its row
 * ("hosts.3.address"), and a credential error its field, so the form can point at either.
 */
export function parseImportCreate(body: unknown): HostInput[] {
  const parsed = importCreateSchema.safeParse(body);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[issue.path.length > 0 ? issue.path.join(".") : "body"] ??= issue.message;
    fail(errors);
  }
  const d = parsed.data;
  const errors = credentialErrors(d, true);
  if (Object.keys(errors).length) fail(errors);
  const secret = { privateKey: d.privateKey?.trim() ? d.privateKey : undefined, password: d.password || undefined, passphrase: d.passphrase || undefined, useNetdiagKey: d.useNetdiagKey };
  return d.hosts.map((h) => ({ ...h, platform: d.platform, site: d.site, ...secret }));
}
