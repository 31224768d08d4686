import "server-only";
import { z } from "zod";
import { FINDING_KINDS } from "@/lib/domain/finding";
import { ValidationError } from "@/lib/errors";
import { FINDING_SEARCH_MAX_CHARS, FINDING_SORTS, type FindingFilter, type StatusChange } from "@/lib/domain/views";
import { fieldErrors } from "./host";

const hostId = z.string().regex(/^[1-9][0-9]{0,9}$/, "Host id must be a positive whole number").transform(Number);

export const findingQuerySchema = z.strictObject({
  status: z.enum(["open", "acknowledged", "muted", "resolved"], { error: "Status is one of open, acknowledged, muted, resolved" }).default("open"),
  host: hostId.optional(),
  kind: z.enum(FINDING_KINDS, { error: `Kind is one of ${FINDING_KINDS.join(", ")}` }).optional(),
  severity: z.enum(["critical", "warning", "info"], { error: "Severity is one of critical, warning, info" }).optional(),
  q: z.string().trim().max(FINDING_SEARCH_MAX_CHARS, `Search is at most ${FINDING_SEARCH_MAX_CHARS} characters`).optional(),
  sort: z.enum(FINDING_SORTS, { error: `Sort is one of ${FINDING_SORTS.join(", ")}` }).optional(),
  /** A download instead of the list (lib/api/download.ts). */
  format: z.enum(["csv", "json"], { error: "Format is csv or json" }).optional(),
});

export const findingPatchSchema = z.strictObject({
  status: z.enum(["acknowledged", "muted", "open"], { error: "Status is one of acknowledged, muted, open" }),
  reason: z
    .string({ error: "Reason must be text" })
    .trim()
    .max(500, "Reason is at most 500 characters")
    .nullish(),
});

function fail(message: string, error: z.ZodError): never {
  const errors = fieldErrors(error);
  throw new ValidationError(`${message}: ${Object.entries(errors).map(([k, m]) => `${k}: ${m}`).join("; ")}`, errors);
}

/** GET /api/findings query string; an empty parameter counts as absent. */
export function parseFindingQuery(params: URLSearchParams): FindingFilter {
  const raw = Object.fromEntries([...params.entries()].filter(([, v]) => v !== ""));
  const parsed = findingQuerySchema.safeParse(raw);
  if (!parsed.success) fail("Invalid query", parsed.error);
  const q = parsed.data;
  return { status: q.status, hostId: q.host, kind: q.kind, severity: q.severity, q: q.q || undefined, sort: q.sort };
}

export function parseFindingPatch(body: unknown): StatusChange {
  const parsed = findingPatchSchema.safeParse(body);
  if (!parsed.success) fail("Invalid change", parsed.error);
  return { status: parsed.data.status, reason: parsed.data.reason ?? null };
}
