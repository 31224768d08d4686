import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { canonicalIp, LIMITS } from "@/lib/iperf/command";
import { IPERF_STATUSES, type IperfParams, type IperfStatus } from "@/lib/domain/iperf";
import type { ScheduleInput } from "@/lib/domain/iperf";
import { fieldErrors } from "./host";

// Every number that reaches an iperf3 command line is checked here first (and again in
// lib/iperf/command.ts); the server address is an IP literal, stored in canonical form.

const hostId = (label: string) =>
  z.number({ error: `${label} is required` }).int(`${label} must be a host id`).positive(`${label} must be a host id`);
const intIn = (label: string, { min, max }: { min: number; max: number }) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} is ${min} to ${max}`)
    .max(max, `${label} is ${min} to ${max}`);

const serverAddress = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v, ctx) => {
    if (v === null || v === undefined || v.trim() === "") return undefined;
    const c = canonicalIp(v);
    if (c === null) {
      ctx.addIssue({ code: "custom", message: "An IPv4 or IPv6 address (not a name, no %zone)" });
      return z.NEVER;
    }
    return c;
  });

const bitrateMbps = z
  .union([z.number({ error: "Target bitrate must be a number" }), z.null()])
  .optional()
  .transform((v) => (v === null ? undefined : v))
  .refine((v) => v === undefined || (v >= LIMITS.bitrateMbps.min && v <= LIMITS.bitrateMbps.max), `Target bitrate is ${LIMITS.bitrateMbps.min} to ${LIMITS.bitrateMbps.max} Mbit/s`);

const testFields = {
  clientHostId: hostId("Client host"),
  serverHostId: hostId("Server host"),
  serverAddress,
  durationSec: intIn("Duration", LIMITS.durationSec).default(10),
  parallel: intIn("Parallel streams", LIMITS.parallel).default(1),
  protocol: z.enum(["tcp", "udp"], { error: "Protocol is tcp or udp" }).default("tcp"),
  bitrateMbps,
  direction: z.enum(["both", "forward", "reverse"], { error: "Direction is both, forward or reverse" }).default("both"),
  omitSec: intIn("Omit", LIMITS.omitSec).default(1),
  simultaneous: z.boolean({ error: "simultaneous is true or false" }).default(false),
};

function crossCheck(v: { clientHostId?: number; serverHostId?: number; protocol?: string; bitrateMbps?: number }, ctx: z.RefinementCtx) {
  if (v.clientHostId !== undefined && v.clientHostId === v.serverHostId) {
    ctx.addIssue({ code: "custom", path: ["serverHostId"], message: "Pick a different host than the client" });
  }
  if (v.protocol === "udp" && v.bitrateMbps === undefined) {
    ctx.addIssue({ code: "custom", path: ["bitrateMbps"], message: "UDP needs a target bitrate" });
  }
}

export const runInputSchema = z.strictObject(testFields).superRefine(crossCheck);

function fail(what: string, errors: Record<string, string>): never {
  throw new ValidationError(`Invalid ${what}: ${Object.entries(errors).map(([k, m]) => `${k}: ${m}`).join("; ")}`, errors);
}

export function parseRunInput(body: unknown): IperfParams {
  const parsed = runInputSchema.safeParse(body);
  if (!parsed.success) fail("iperf test", fieldErrors(parsed.error));
  return parsed.data;
}

const scheduleSchema = z
  .strictObject({
    ...testFields,
    intervalMinutes: intIn("Interval", { min: 5, max: 60 * 24 * 30 }),
    enabled: z.boolean({ error: "enabled is true or false" }).default(true),
  })
  .superRefine(crossCheck);

export function parseScheduleInput(body: unknown): ScheduleInput {
  const parsed = scheduleSchema.safeParse(body);
  if (!parsed.success) fail("schedule", fieldErrors(parsed.error));
  return parsed.data;
}

const schedulePatchSchema = z
  .strictObject({
    serverAddress,
    durationSec: intIn("Duration", LIMITS.durationSec).optional(),
    parallel: intIn("Parallel streams", LIMITS.parallel).optional(),
    protocol: z.enum(["tcp", "udp"]).optional(),
    bitrateMbps,
    direction: z.enum(["both", "forward", "reverse"]).optional(),
    omitSec: intIn("Omit", LIMITS.omitSec).optional(),
    simultaneous: z.boolean().optional(),
    intervalMinutes: intIn("Interval", { min: 5, max: 60 * 24 * 30 }).optional(),
    enabled: z.boolean().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.protocol === "udp" && v.bitrateMbps === undefined) ctx.addIssue({ code: "custom", path: ["bitrateMbps"], message: "UDP needs a target bitrate" });
  });

export function parseSchedulePatch(body: unknown): Partial<ScheduleInput> {
  const parsed = schedulePatchSchema.safeParse(body);
  if (!parsed.success) fail("schedule", fieldErrors(parsed.error));
  return parsed.data;
}

// ---------------------------------------------------------------- query strings

const optionalId = (v: string | null, name: string): number | undefined => {
  if (v === null || v === "") return undefined;
  if (!/^[1-9][0-9]{0,9}$/.test(v)) fail("query", { [name]: "Must be a host id" });
  return Number(v);
};

const optionalTime = (v: string | null, name: string): Date | undefined => {
  if (v === null || v === "") return undefined;
  const t = /^\d{10,13}$/.test(v) ? Number(v.length === 10 ? Number(v) * 1000 : v) : Date.parse(v);
  if (!Number.isFinite(t)) fail("query", { [name]: "An ISO time or epoch milliseconds" });
  return new Date(t);
};

export type RunListQuery = {
  hostId?: number;
  clientHostId?: number;
  serverHostId?: number;
  status?: IperfStatus[];
  from?: Date;
  to?: Date;
  limit: number;
};

/** GET /api/iperf/runs?host=&client=&server=&status=done,failed&from=&to=&limit= */
export function parseRunListQuery(sp: URLSearchParams): RunListQuery {
  const status = sp.get("status");
  const statuses = status ? status.split(",").map((s) => s.trim()) : undefined;
  if (statuses?.some((s) => !(IPERF_STATUSES as readonly string[]).includes(s))) fail("query", { status: `One or more of ${IPERF_STATUSES.join(", ")}` });
  const limitRaw = sp.get("limit");
  const limit = limitRaw === null ? 50 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) fail("query", { limit: "1 to 500" });
  return {
    hostId: optionalId(sp.get("host"), "host"),
    clientHostId: optionalId(sp.get("client"), "client"),
    serverHostId: optionalId(sp.get("server"), "server"),
    status: statuses as IperfStatus[] | undefined,
    from: optionalTime(sp.get("from"), "from"),
    to: optionalTime(sp.get("to"), "to"),
    limit,
  };
}

/** GET /api/iperf/history?client=&server=&from=&to= (default: the last 7 days). */
export function parseHistoryQuery(sp: URLSearchParams, now: Date): { clientHostId: number; serverHostId: number; from: Date; to: Date } {
  const client = optionalId(sp.get("client"), "client");
  const server = optionalId(sp.get("server"), "server");
  if (client === undefined || server === undefined) fail("query", { ...(client === undefined ? { client: "Required" } : {}), ...(server === undefined ? { server: "Required" } : {}) });
  const to = optionalTime(sp.get("to"), "to") ?? now;
  const from = optionalTime(sp.get("from"), "from") ?? new Date(to.getTime() - 7 * 86_400_000);
  if (from.getTime() >= to.getTime()) fail("query", { from: "Must be before 'to'" });
  if (to.getTime() - from.getTime() > 5 * 366 * 86_400_000) fail("query", { from: "At most 5 years" });
  return { clientHostId: client, serverHostId: server, from, to };
}
