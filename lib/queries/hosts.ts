import "server-only";
import { getDb } from "@/lib/db";
import { getNetdiagPrivateKey } from "./netdiag-key";
import { decryptSecret, encryptSecret, isLegacyEnvelope, type HostSecretContext } from "@/lib/crypto/secrets";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { Host, Run } from "@/lib/generated/prisma/client";
import type { Platform } from "@/lib/domain/platform";
import type { HostInput, HostPatch } from "@/lib/domain/host";
import { DEFAULT_SITE } from "@/lib/domain/site";
import type { HostListItem, HostView } from "@/lib/domain/views";
import { decode, effectivePlatform } from "./codec";
import { toRunSummary } from "./serialize";
import { getCollectedRuns } from "./snapshots";

function toHostView(h: Host, lastRun: Run | null): HostView {
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    port: h.port,
    username: h.username,
    platform: decode.configuredPlatform(h.platform),
    detectedPlatform: decode.platform(h.detectedPlatform),
    effectivePlatform: effectivePlatform(h.platform, h.detectedPlatform),
    hasPrivateKey: h.privateKeyEnc !== null,
    hasPassphrase: h.passphraseEnc !== null,
    hasPassword: h.passwordEnc !== null,
    useNetdiagKey: h.useNetdiagKey,
    hostKeyFingerprint: h.hostKeyFingerprint,
    hostKeyAlgorithm: h.hostKeyAlgorithm,
    hostKeyState: h.offeredHostKeyFingerprint ? "changed" : h.hostKeyFingerprint ? "pinned" : "unknown",
    offeredHostKeyFingerprint: h.offeredHostKeyFingerprint,
    legacySshAlgorithms: h.legacySshAlgorithms,
    site: h.site,
    hostname: h.hostname,
    kernel: h.kernel,
    distribution: h.distribution,
    createdAt: h.createdAt.toISOString(),
    lastRun: lastRun ? toRunSummary(lastRun) : null,
  };
}

/**
 * Each host's newest run, one indexed lookup per host (Run_hostId_startedAt_idx). Prisma's
 * `include: { runs: { orderBy, take: 1 } }` read every run of every host: 2.5 s for 20 hosts
 * after 10 days of five-minute collections.
 */
async function lastRuns(hostIds: number[]): Promise<Map<number, Run>> {
  const db = await getDb();
  const runs = await Promise.all(hostIds.map((hostId) => db.run.findFirst({ where: { hostId }, orderBy: { startedAt: "desc" } })));
  return new Map(runs.flatMap((r) => (r ? [[r.hostId, r] as const] : [])));
}

export async function listHosts(): Promise<HostListItem[]> {
  const db = await getDb();
  const hosts = await db.host.findMany({ orderBy: { name: "asc" } });
  const last = await lastRuns(hosts.map((h) => h.id));
  const runIds = hosts.flatMap((h) => (h.latestSnapshotRunId === null ? [] : [h.latestSnapshotRunId]));
  const [snapshots, collected] = await Promise.all([
    db.run.findMany({
      where: { id: { in: runIds } },
      select: { id: true, startedAt: true, _count: { select: { interfaces: true, neighbors: true } } },
    }),
    getCollectedRuns(hosts.map((h) => h.lastCollectedRunId)),
  ]);
  const byRun = new Map(snapshots.map((s) => [s.id, s]));
  return hosts.map((h) => {
    const s = h.latestSnapshotRunId === null ? undefined : byRun.get(h.latestSnapshotRunId);
    // When it was last read, not when it last changed: an unchanged host confirms its snapshot.
    const at = (h.lastCollectedRunId === null ? undefined : collected.get(h.lastCollectedRunId)?.at) ?? s?.startedAt;
    return {
      ...toHostView(h, last.get(h.id) ?? null),
      interfaceCount: s?._count.interfaces ?? 0,
      neighborCount: s?._count.neighbors ?? 0,
      snapshotAt: at?.toISOString() ?? null,
    };
  });
}

export async function getHost(id: number): Promise<HostView> {
  const db = await getDb();
  const h = await db.host.findUnique({ where: { id } });
  if (!h) throw new NotFoundError(`Host ${id}`);
  return toHostView(h, (await lastRuns([id])).get(id) ?? null);
}

export async function listHostIds(): Promise<number[]> {
  const db = await getDb();
  return (await db.host.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((h) => h.id);
}

async function assertNameFree(name: string, exceptId?: number) {
  const db = await getDb();
  const clash = await db.host.findFirst({ where: { name, NOT: exceptId ? { id: exceptId } : undefined } });
  if (clash) throw new ConflictError(`A host named "${name}" already exists`, { name: "This name is already used" });
}

type SecretField = HostSecretContext["field"];
const SECRET_COLUMNS = { privateKey: "privateKeyEnc", passphrase: "passphraseEnc", password: "passwordEnc" } as const;

/** Envelopes are bound to their host row and field (lib/crypto/secrets.ts), so they need the id. */
const encFor = (hostId: number) => (field: SecretField, v: string | undefined | null) => (v ? encryptSecret(v, { hostId, field }) : null);

export async function createHost(input: HostInput): Promise<HostView> {
  await assertNameFree(input.name);
  const db = await getDb();
  const h = await db.$transaction(async (tx) => {
    const row = await tx.host.create({
      data: {
        name: input.name,
        address: input.address,
        port: input.port,
        username: input.username,
        platform: input.platform,
        legacySshAlgorithms: input.legacySshAlgorithms ?? false,
        site: input.site ?? DEFAULT_SITE,
        // Confirmed by the user after "Test connection": pinned now, not on first use.
        hostKeyFingerprint: input.hostKeyFingerprint ?? null,
        useNetdiagKey: input.useNetdiagKey ?? false,
      },
    });
    const enc = encFor(row.id);
    return tx.host.update({
      where: { id: row.id },
      data: {
        privateKeyEnc: enc("privateKey", input.privateKey),
        passphraseEnc: input.privateKey ? enc("passphrase", input.passphrase) : null,
        passwordEnc: input.privateKey ? null : enc("password", input.password),
      },
    });
  });
  return toHostView(h, null);
}

export async function updateHost(id: number, patch: HostPatch): Promise<HostView> {
  const db = await getDb();
  const current = await db.host.findUnique({ where: { id } });
  if (!current) throw new NotFoundError(`Host ${id}`);
  if (patch.name !== undefined) await assertNameFree(patch.name, id);
  // A new credential replaces the other kind: a host authenticates one way.
  const enc = encFor(id);
  const credentials = patch.useNetdiagKey
    ? { privateKeyEnc: null, passphraseEnc: null, passwordEnc: null, useNetdiagKey: true }
    : patch.privateKey
    ? { privateKeyEnc: enc("privateKey", patch.privateKey), passphraseEnc: enc("passphrase", patch.passphrase), passwordEnc: null, useNetdiagKey: false }
    : patch.password
      ? { privateKeyEnc: null, passphraseEnc: null, passwordEnc: enc("password", patch.password), useNetdiagKey: false }
      : patch.passphrase !== undefined
        ? { passphraseEnc: enc("passphrase", patch.passphrase) }
        : {};
  // Pointing the host elsewhere means the pinned key no longer describes it.
  const moved =
    (patch.address !== undefined && patch.address !== current.address) ||
    (patch.port !== undefined && patch.port !== current.port);
  // A saved password is typed into whatever answers at the new address, whose key is trusted on
  // first use: whoever may edit hosts (any session or API token) could collect it with their own
  // sshd. So moving a password host takes the password again. A private key only signs; it stays.
  if (moved && current.passwordEnc !== null && !patch.password && !patch.privateKey) {
    throw new ValidationError("The host moved to a new address: enter its password again, or a private key", {
      password: "Enter the password again: a saved password is never sent to a new address",
    });
  }
  await db.host.update({
    where: { id },
    data: {
      name: patch.name,
      address: patch.address,
      port: patch.port,
      username: patch.username,
      platform: patch.platform,
      legacySshAlgorithms: patch.legacySshAlgorithms,
      site: patch.site,
      ...credentials,
      ...(moved ? { hostKeyFingerprint: null, hostKeyAlgorithm: null, offeredHostKeyFingerprint: null, offeredHostKeyAlgorithm: null, hostKeyChangedAt: null } : {}),
    },
  });
  return getHost(id);
}

export async function deleteHost(id: number): Promise<void> {
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const linked = (await tx.findingHost.findMany({ where: { hostId: id, role: "affected" }, select: { findingId: true } })).map((l) => l.findingId);
    const { count } = await tx.host.deleteMany({ where: { id } });
    if (count === 0) throw new NotFoundError(`Host ${id}`);
    // A finding about this host alone (an iperf pair's verdict, which nothing re-evaluates once
    // its hosts are gone) would stay open forever with nobody to show it on: it is resolved.
    // Findings that still concern another host stay; their scope's next evaluation decides.
    await tx.finding.updateMany({
      where: { id: { in: linked }, status: { not: "resolved" }, hosts: { none: { role: "affected" } } },
      data: { status: "resolved", resolvedAt: new Date() },
    });
  });
}

/** Everything an SSH job needs to log in; decrypted only here, handed only to lib/jobs. */
export type HostCredentials = {
  id: number;
  name: string;
  address: string;
  port: number;
  username: string;
  platform: Platform | "auto";
  /** What the last collection detected (for "auto"): which commands to send with detection. */
  detectedPlatform: Platform | null;
  privateKey?: string;
  passphrase?: string;
  password?: string;
  pinnedFingerprint: string | null;
  legacySshAlgorithms: boolean;
};

export async function getHostCredentials(id: number): Promise<HostCredentials> {
  const db = await getDb();
  const h = await db.host.findUnique({ where: { id } });
  if (!h) throw new NotFoundError(`Host ${id}`);
  const dec = (field: SecretField) => {
    const envelope = h[SECRET_COLUMNS[field]];
    return envelope === null ? undefined : decryptSecret(envelope, { hostId: h.id, field });
  };
  // netdiag's own key: nothing of the host's to decrypt.
  const privateKey = h.useNetdiagKey ? await getNetdiagPrivateKey() : dec("privateKey");
  const passphrase = h.useNetdiagKey ? undefined : dec("passphrase");
  const password = h.useNetdiagKey ? undefined : dec("password");
  if (!h.useNetdiagKey) await rewrapLegacySecrets(h.id, { privateKey, passphrase, password }, h);
  return {
    id: h.id,
    name: h.name,
    address: h.address,
    port: h.port,
    username: h.username,
    platform: decode.configuredPlatform(h.platform),
    detectedPlatform: decode.platform(h.detectedPlatform),
    privateKey,
    passphrase,
    password,
    pinnedFingerprint: h.hostKeyFingerprint,
    legacySshAlgorithms: h.legacySshAlgorithms,
  };
}

/**
 * Envelopes written before they were bound to a host and field are rewritten the first time
 * they are used. Compare-and-set on the old envelope, so a credential the user changed in the
 * meantime is never overwritten with the old one.
 */
async function rewrapLegacySecrets(
  hostId: number,
  plain: Record<SecretField, string | undefined>,
  stored: Record<(typeof SECRET_COLUMNS)[SecretField], string | null>,
): Promise<void> {
  const db = await getDb();
  const enc = encFor(hostId);
  for (const field of Object.keys(SECRET_COLUMNS) as SecretField[]) {
    const column = SECRET_COLUMNS[field];
    const old = stored[column];
    if (old === null || !isLegacyEnvelope(old)) continue;
    await db.host.updateMany({ where: { id: hostId, [column]: old }, data: { [column]: enc(field, plain[field]) } });
  }
}

/**
 * Trust on first use, as a compare-and-set: pins only while the stored fingerprint is still
 * `expected` (null on first use), so a run that started before the user accepted a new key
 * cannot overwrite that choice. True when this call pinned.
 */
export async function pinHostKeyIfUnchanged(id: number, expected: string | null, fingerprint: string, algorithm: string): Promise<boolean> {
  const db = await getDb();
  const { count } = await db.host.updateMany({
    where: { id, hostKeyFingerprint: expected },
    data: { hostKeyFingerprint: fingerprint, hostKeyAlgorithm: algorithm, offeredHostKeyFingerprint: null, offeredHostKeyAlgorithm: null, hostKeyChangedAt: null },
  });
  return count === 1;
}

export async function recordOfferedHostKey(id: number, fingerprint: string, algorithm: string, at: Date): Promise<void> {
  const db = await getDb();
  await db.host.update({
    where: { id },
    data: { offeredHostKeyFingerprint: fingerprint, offeredHostKeyAlgorithm: algorithm, hostKeyChangedAt: at },
  });
}

/**
 * The user's explicit "trust the new key". Only the fingerprint they were shown is accepted,
 * so a key that changed again since the page was rendered is not trusted by accident.
 */
export async function acceptOfferedHostKey(id: number, fingerprint: string): Promise<HostView> {
  const db = await getDb();
  const h = await db.host.findUnique({ where: { id } });
  if (!h) throw new NotFoundError(`Host ${id}`);
  const stale = () =>
    new ConflictError("That host key is not the one the host offered last; reload the page and compare again", {
      fingerprint: "Does not match the offered key",
    });
  if (!h.offeredHostKeyFingerprint || h.offeredHostKeyFingerprint !== fingerprint) throw stale();
  // Compare-and-set: a collection may record yet another offered key between the read and the
  // write; then the user has not seen the key that would be pinned.
  const { count } = await db.host.updateMany({
    where: { id, offeredHostKeyFingerprint: fingerprint },
    data: { hostKeyFingerprint: fingerprint, hostKeyAlgorithm: h.offeredHostKeyAlgorithm ?? "unknown", offeredHostKeyFingerprint: null, offeredHostKeyAlgorithm: null, hostKeyChangedAt: null },
  });
  if (count !== 1) throw stale();
  return getHost(id);
}
