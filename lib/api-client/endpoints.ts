// Every endpoint the browser calls, each with the schema of its answer (lib/domain/api-schemas.ts).
import { z } from "zod";
import {
  collectAllAnswerSchema,
  createdTokenSchema,
  findingViewSchema,
  hostViewSchema,
  iperfRunViewSchema,
  iperfScheduleViewSchema,
  logoutAnswerSchema,
  noContentSchema,
  probeBatchViewSchema,
  runSummarySchema,
  userAnswerSchema,
} from "@/lib/domain/api-schemas";
import type { IperfParams } from "@/lib/domain/iperf";
import { interfaceTrafficSchema } from "@/lib/domain/traffic";
import { PLATFORMS } from "@/lib/domain/platform";
import { SETTING_KEYS, type SettingKey, type SettingsPatch } from "@/lib/validations/settings";
import { request } from "./request";
import { importPreviewSchema, importResultSchema } from "@/lib/domain/host-import";
import type { ChannelRulesInput } from "@/lib/notify/rules";
import { channelListSchema, channelViewSchema, deliveryListSchema, deliveryViewSchema } from "./notification-schemas";

/** POST /api/hosts/import: the rows kept from the preview, one credential for all. */
export type ImportBody = {
  hosts: { name: string; address: string; port: number; username: string }[];
  /** Every imported host's site; absent: the default site. */
  site?: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  useNetdiagKey?: boolean;
};

/** What the host form sends; on edit an absent secret keeps the stored one. */
export type HostBody = {
  name?: string;
  address?: string;
  port?: number;
  username?: string;
  platform?: string;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  legacySshAlgorithms?: boolean;
  useNetdiagKey?: boolean;
  site?: string;
  /** Confirmed after "Test connection": pinned on create. */
  hostKeyFingerprint?: string;
};

/**
 * A channel as POST /api/notifications/channels takes it: the type's fields flat beside
 * `enabled` and `rules` (lib/validations/notifications.ts). On PATCH a secret left out is kept
 * and `null` clears an optional field.
 */
export type ChannelBody = { [field: string]: unknown; enabled?: boolean; rules?: ChannelRulesInput };

export type FindingStatusChange = { status: "acknowledged" | "muted" | "open"; reason?: string };

export type RunBody = IperfParams;

/** The schedule form leaves missing hosts to the server, whose field errors then name them. */
export type ScheduleBody = Omit<RunBody, "clientHostId" | "serverHostId"> & {
  clientHostId?: number;
  serverHostId?: number;
  intervalMinutes: number;
  enabled?: boolean;
};

export type Credentials = { username: string; password: string };
/** First-run setup: the account, and the code the server printed to its log. */
export type SetupBody = Credentials & { setupCode: string };
export type PasswordChange = { currentPassword: string; newPassword: string };
/** Days until the token expires; null never. */
export type TokenExpiryDays = 30 | 90 | 365 | null;

const passwordChangedSchema = z.object({ ok: z.literal(true), sessionsEnded: z.number() });
const loggedOutEverywhereSchema = z.object({ ok: z.literal(true), sessionsEnded: z.number(), tokensRevoked: z.number() });
const createdExpiringTokenSchema = createdTokenSchema.extend({ expiresAt: z.string().nullable() });

const connectionTestSchema = z.object({
  ok: z.boolean(),
  hostKey: z.object({ fingerprint: z.string(), algorithm: z.string() }).nullable(),
  platform: z.enum(PLATFORMS).nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  durationMs: z.number(),
});

const settingValuesSchema = z.object(Object.fromEntries(SETTING_KEYS.map((k) => [k, z.number()])) as Record<SettingKey, z.ZodNumber>);
const siteRouteViewSchema = z.object({ siteA: z.string(), siteB: z.string(), createdAt: z.string() });
const appSettingsViewSchema = z.object({ values: settingValuesSchema, defaults: settingValuesSchema, saved: z.array(z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])) });

export const api = {
  hosts: {
    create: (body: HostBody) => request("POST", "/api/hosts", hostViewSchema, body),
    update: (id: number, body: HostBody) => request("PATCH", `/api/hosts/${id}`, hostViewSchema, body),
    remove: (id: number) => request("DELETE", `/api/hosts/${id}`, noContentSchema),
    collect: (id: number) => request("POST", `/api/hosts/${id}/collect`, runSummarySchema),
    collectAll: () => request("POST", "/api/collect", collectAllAnswerSchema),
    acceptHostKey: (id: number, fingerprint: string) =>
      request("POST", `/api/hosts/${id}/host-key`, hostViewSchema, { accept: true, fingerprint }),
    testConnection: (body: HostBody) => request("POST", "/api/hosts/test-connection", connectionTestSchema, body),
    importPreview: (body: { source: "ssh-config" | "ansible"; text: string }) => request("POST", "/api/hosts/import/preview", importPreviewSchema, body),
    importHosts: (body: ImportBody) => request("POST", "/api/hosts/import", importResultSchema, body),
    verifyMtu: (id: number) => request("POST", `/api/hosts/${id}/verify-mtu`, probeBatchViewSchema),
    /** `query`: "range=7d" or "from=<ms>&to=<ms>" (components/hosts/nic-traffic-view.ts). */
    traffic: (id: number, nic: string, query: string) =>
      request("GET", `/api/hosts/${id}/interfaces/${encodeURIComponent(nic)}/traffic?${query}`, interfaceTrafficSchema),
  },
  findings: {
    setStatus: (id: number, change: FindingStatusChange) => request("PATCH", `/api/findings/${id}`, findingViewSchema, change),
  },
  iperf: {
    start: (body: RunBody) => request("POST", "/api/iperf/runs", iperfRunViewSchema, body),
    cancel: (id: number) => request("DELETE", `/api/iperf/runs/${id}`, iperfRunViewSchema),
    createSchedule: (body: ScheduleBody) => request("POST", "/api/iperf/schedules", iperfScheduleViewSchema, body),
    setScheduleEnabled: (id: number, enabled: boolean) =>
      request("PATCH", `/api/iperf/schedules/${id}`, iperfScheduleViewSchema, { enabled }),
    deleteSchedule: (id: number) => request("DELETE", `/api/iperf/schedules/${id}`, noContentSchema),
  },
  auth: {
    login: (body: Credentials) => request("POST", "/api/auth/login", userAnswerSchema, body),
    setup: (body: SetupBody) => request("POST", "/api/auth/setup", userAnswerSchema, body),
    logout: () => request("POST", "/api/auth/logout", logoutAnswerSchema),
    changePassword: (body: PasswordChange) => request("POST", "/api/auth/password", passwordChangedSchema, body),
    logoutEverywhere: (keepTokens: boolean) =>
      request("POST", "/api/auth/logout-everywhere", loggedOutEverywhereSchema, { keepTokens }),
  },
  settings: {
    update: (patch: SettingsPatch) => request("PATCH", "/api/settings", appSettingsViewSchema, patch),
  },
  sites: {
    addRoute: (siteA: string, siteB: string) => request("POST", "/api/sites/routes", siteRouteViewSchema, { siteA, siteB }),
    removeRoute: (siteA: string, siteB: string) => request("DELETE", "/api/sites/routes", noContentSchema, { siteA, siteB }),
  },
  notifications: {
    list: () => request("GET", "/api/notifications/channels", channelListSchema),
    create: (body: ChannelBody) => request("POST", "/api/notifications/channels", channelViewSchema, body),
    update: (id: number, body: ChannelBody) => request("PATCH", `/api/notifications/channels/${id}`, channelViewSchema, body),
    remove: (id: number) => request("DELETE", `/api/notifications/channels/${id}`, noContentSchema),
    /** Sends a test message now; answers with its delivery, "sent" or "failed" with the receiver's answer. */
    test: (id: number) => request("POST", `/api/notifications/channels/${id}/test`, deliveryViewSchema),
    deliveries: (id: number) => request("GET", `/api/notifications/channels/${id}/deliveries`, deliveryListSchema),
  },
  tokens: {
    create: (name: string, expiresInDays: TokenExpiryDays) =>
      request("POST", "/api/tokens", createdExpiringTokenSchema, { name, expiresInDays }),
    revoke: (id: number) => request("DELETE", `/api/tokens/${id}`, noContentSchema),
  },
};
