// What the API and the Settings page see of channels and deliveries: never a secret.
import type { Severity } from "@/lib/domain/finding";
import type { ChannelType } from "./channels";
import type { Transition } from "./message";
import type { ChannelRules } from "./rules";

export type ChannelHealth = {
  /** untested: nothing sent yet; failing: the last FAILING_AFTER attempts failed. */
  state: "ok" | "failing" | "untested";
  lastSuccessAt: string | null;
  lastFailureAt: string | null;
  lastError: string | null;
  failedInARow: number;
};

export type ChannelView = {
  id: number;
  name: string;
  type: ChannelType;
  enabled: boolean;
  minSeverity: Severity;
  /** The config's plain fields (URLs, topic, SMTP host, recipients…); secrets are left out. */
  config: Record<string, unknown>;
  /** Secret fields that hold a value, e.g. ["secret"]; PATCH keeps them unless given again. */
  secretsSet: string[];
  /** Where a secret URL points (scheme and host only), so the user can tell channels apart. */
  secretHints: Record<string, string>;
  rules: ChannelRules;
  health: ChannelHealth;
  createdAt: string;
  updatedAt: string;
};

export const DELIVERY_STATUSES = ["pending", "sent", "failed"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export type DeliveryView = {
  id: number;
  channelId: number;
  event: "findings" | "test";
  status: DeliveryStatus;
  attempts: number;
  items: { findingId: number; transition: Transition; severity: Severity; previousSeverity?: Severity }[];
  createdAt: string;
  lastAttemptAt: string | null;
  nextAttemptAt: string | null;
  sentAt: string | null;
  answer: string | null;
  /** Every try, oldest first. */
  log: { at: string; ok: boolean; answer: string; ms: number }[];
};
