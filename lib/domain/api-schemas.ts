// Zod schemas of the JSON API's answers, one per view type the browser reads. The browser
// client (lib/api-client) checks every answer with these before use; the server may reuse them.
// Each schema is bound to its TypeScript view type by `schemaFor`, so changing one without the
// other fails `tsc` instead of reaching a page as a wrongly shaped value.
import { z } from "zod";
import { FINDING_KINDS, SEVERITIES, evidenceRowSchema, findingSubjectSchema } from "@/lib/domain/finding";
import {
  IPERF_DIRECTIONS,
  IPERF_PROTOCOLS,
  IPERF_STATUSES,
  intervalPointSchema,
  type Flow,
  type FlowResult,
  type IperfRunDetail,
  type IperfRunView,
  type IperfScheduleView,
  type LiveEvent,
} from "@/lib/domain/iperf";
import type { MtuProbeView, ProbeBatchView } from "@/lib/domain/mtu-probe";
import { PLATFORMS } from "@/lib/domain/platform";
import { FINDING_STATUSES, RUN_STATUSES, type FindingView, type HostView, type RunSummary } from "@/lib/domain/views";

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

type Exactly<S extends z.ZodType, T> = Same<z.output<S>, T> extends true ? unknown : { "the schema's output is not exactly the type": never };

/**
 * Binds a schema to the type it checks: the schema's output must be exactly `T`. A field added
 * to, dropped from or retyped in either one fails `tsc` here ("not assignable to ZodType<T>"
 * when the schema lacks something of T, "the schema's output is not exactly the type" when it
 * has something T lacks or is looser).
 */
export const schemaFor =
  <T>() =>
  <S extends z.ZodType<T>>(schema: S & Exactly<S, T>): S =>
    schema;

const iso = z.string();
const FLOWS = ["forward", "reverse"] as const satisfies readonly Flow[];

// Errors: every 4xx/5xx answer of lib/api/respond.ts and proxy.ts.
export const apiErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.record(z.string(), z.string()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
export const apiErrorBodySchema = z.object({ error: apiErrorSchema });

/** A 204 No Content answer (DELETE): no body at all. */
export const noContentSchema = z.null();

// Hosts and collections (lib/domain/views.ts).
export const runSummarySchema = schemaFor<RunSummary>()(
  z.object({
    hostId: z.number(),
    runId: z.number(),
    status: z.enum(RUN_STATUSES),
    error: z.string().nullable(),
    errorCode: z.string().nullable(),
    startedAt: iso,
    finishedAt: iso.nullable(),
  }),
);

export const hostViewSchema = schemaFor<HostView>()(
  z.object({
    id: z.number(),
    name: z.string(),
    address: z.string(),
    port: z.number(),
    username: z.string(),
    platform: z.enum([...PLATFORMS, "auto"]),
    detectedPlatform: z.enum(PLATFORMS).nullable(),
    effectivePlatform: z.enum(PLATFORMS).nullable(),
    hasPrivateKey: z.boolean(),
    hasPassphrase: z.boolean(),
    hasPassword: z.boolean(),
    useNetdiagKey: z.boolean(),
    hostKeyFingerprint: z.string().nullable(),
    hostKeyAlgorithm: z.string().nullable(),
    hostKeyState: z.enum(["unknown", "pinned", "changed"]),
    offeredHostKeyFingerprint: z.string().nullable(),
    legacySshAlgorithms: z.boolean(),
    site: z.string(),
    hostname: z.string().nullable(),
    kernel: z.string().nullable(),
    distribution: z.string().nullable(),
    createdAt: iso,
    lastRun: runSummarySchema.nullable(),
  }),
);

/** POST /api/collect */
export const collectAllAnswerSchema = z.object({ runs: z.array(runSummarySchema) });

// Findings.
export const findingViewSchema = schemaFor<FindingView>()(
  z.object({
    id: z.number(),
    kind: z.enum(FINDING_KINDS),
    severity: z.enum(SEVERITIES),
    key: z.string(),
    scope: z.string(),
    status: z.enum(FINDING_STATUSES),
    hostIds: z.array(z.number()),
    hosts: z.array(z.object({ id: z.number(), name: z.string() })),
    involvedHostIds: z.array(z.number()),
    involvedHosts: z.array(z.object({ id: z.number(), name: z.string() })),
    subject: findingSubjectSchema,
    title: z.string(),
    explanation: z.string(),
    fix: z.string(),
    evidence: z.array(evidenceRowSchema),
    firstSeenAt: iso,
    lastSeenAt: iso,
    openedAt: iso,
    resolvedAt: iso.nullable(),
    occurrences: z.number(),
    statusReason: z.string().nullable(),
    statusChangedAt: iso.nullable(),
    staleHosts: z.array(z.object({ id: z.number(), name: z.string(), lastCollectedAt: iso.nullable() })),
  }),
);

// iperf (lib/domain/iperf.ts).
const flowResultSchema = schemaFor<FlowResult>()(
  z.object({
    bitsPerSecond: z.number().nullable(),
    sentBitsPerSecond: z.number().nullable(),
    retransmits: z.number().nullable(),
    jitterMs: z.number().nullable(),
    lostPercent: z.number().nullable(),
    bytes: z.number().nullable(),
    sentBytes: z.number().nullable(),
    cpuClientPercent: z.number().nullable(),
    cpuServerPercent: z.number().nullable(),
  }),
);

/** IperfTestSettings: how a run or a schedule runs its test. */
const testSettings = {
  durationSec: z.number(),
  parallel: z.number(),
  protocol: z.enum(IPERF_PROTOCOLS),
  bitrateMbps: z.number().nullable(),
  direction: z.enum(IPERF_DIRECTIONS),
  omitSec: z.number(),
  simultaneous: z.boolean(),
};

export const iperfRunViewSchema = schemaFor<IperfRunView>()(
  z.object({
    id: z.number(),
    status: z.enum(IPERF_STATUSES),
    position: z.number().nullable(),
    errorCode: z.string().nullable(),
    error: z.string().nullable(),
    clientHostId: z.number(),
    clientHostName: z.string(),
    serverHostId: z.number(),
    serverHostName: z.string(),
    serverAddress: z.string().nullable(),
    serverAddressManual: z.boolean(),
    clientAddress: z.string().nullable(),
    port: z.number().nullable(),
    ...testSettings,
    scheduleId: z.number().nullable(),
    createdAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    forward: flowResultSchema.nullable(),
    reverse: flowResultSchema.nullable(),
    clientVersion: z.string().nullable(),
    serverVersion: z.string().nullable(),
    routes: z.object({ client: z.string().nullable(), server: z.string().nullable() }),
    interfaces: z.object({
      client: z.string().nullable(),
      server: z.string().nullable(),
      clientLinkMbps: z.number().nullable(),
      serverLinkMbps: z.number().nullable(),
    }),
    notes: z.string().nullable(),
    findings: z.array(findingViewSchema),
  }),
);

export const iperfRunDetailSchema = schemaFor<IperfRunDetail>()(
  iperfRunViewSchema.extend({
    intervals: z.object({ forward: z.array(intervalPointSchema), reverse: z.array(intervalPointSchema) }),
  }),
);

export const iperfScheduleViewSchema = schemaFor<IperfScheduleView>()(
  z.object({
    id: z.number(),
    clientHostId: z.number(),
    clientHostName: z.string(),
    serverHostId: z.number(),
    serverHostName: z.string(),
    intervalMinutes: z.number(),
    ...testSettings,
    serverAddress: z.string().nullable(),
    enabled: z.boolean(),
    nextDueAt: iso,
    lastRunAt: iso.nullable(),
  }),
);

/** One message of GET /api/iperf/runs/:id/events (its `data`, which repeats the event name as `type`). */
export const liveEventSchema = schemaFor<LiveEvent>()(
  z.discriminatedUnion("type", [
    z.object({ type: z.literal("state"), run: iperfRunViewSchema }),
    z.object({
      type: z.literal("progress"),
      flow: z.enum([...FLOWS, "both"]),
      elapsedSec: z.number(),
      totalSec: z.number(),
      phaseIndex: z.number(),
      phaseCount: z.number(),
    }),
    z.object({ type: z.literal("interval"), flow: z.enum(FLOWS), point: intervalPointSchema }),
    z.object({ type: z.literal("done"), run: iperfRunDetailSchema }),
  ]),
);

// DF probes (lib/domain/mtu-probe.ts).
const mtuProbeViewSchema = schemaFor<MtuProbeView>()(
  z.object({
    id: z.number(),
    batchId: z.string(),
    at: iso,
    fromHostId: z.number(),
    fromHostName: z.string(),
    toHostId: z.number(),
    toHostName: z.string(),
    fromInterface: z.string().nullable(),
    fromAddress: z.string(),
    toAddress: z.string(),
    subnet: z.string(),
    payloadBytes: z.number(),
    expectedMtu: z.number(),
    peerMtu: z.number().nullable(),
    command: z.string(),
    ok: z.boolean(),
    tooBig: z.boolean(),
    transmitted: z.number().nullable(),
    received: z.number().nullable(),
    lossPercent: z.number().nullable(),
    reportedMtu: z.number().nullable(),
    rttAvgMs: z.number().nullable(),
    error: z.string().nullable(),
    errorCode: z.string().nullable(),
    output: z.string(),
  }),
);

export const probeBatchViewSchema = schemaFor<ProbeBatchView>()(
  z.object({ batchId: z.string(), startedAt: iso, finishedAt: iso, probes: z.array(mtuProbeViewSchema) }),
);

// Accounts and API tokens. Their server types live in server-only modules (lib/queries/auth.ts),
// so these schemas are the shared definition here.
export const userAnswerSchema = z.object({ user: z.object({ id: z.number(), username: z.string(), createdAt: iso }) });
export type UserAnswer = z.infer<typeof userAnswerSchema>;

/** POST /api/auth/logout */
export const logoutAnswerSchema = z.object({ ok: z.literal(true) });

/** POST /api/tokens: the only answer that ever contains the token. */
export const createdTokenSchema = z.object({ id: z.number(), name: z.string(), token: z.string() });
export type CreatedToken = z.infer<typeof createdTokenSchema>;
