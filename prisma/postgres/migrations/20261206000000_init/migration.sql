-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "User" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" SERIAL NOT NULL,
    "userId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Host" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "username" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT 'auto',
    "detectedPlatform" TEXT,
    "privateKeyEnc" TEXT,
    "passphraseEnc" TEXT,
    "passwordEnc" TEXT,
    "useNetdiagKey" BOOLEAN NOT NULL DEFAULT false,
    "hostKeyFingerprint" TEXT,
    "hostKeyAlgorithm" TEXT,
    "offeredHostKeyFingerprint" TEXT,
    "offeredHostKeyAlgorithm" TEXT,
    "hostKeyChangedAt" TIMESTAMP(3),
    "legacySshAlgorithms" BOOLEAN NOT NULL DEFAULT false,
    "hostname" TEXT,
    "kernel" TEXT,
    "distribution" TEXT,
    "latestSnapshotRunId" INTEGER,
    "previousSnapshotRunId" INTEGER,
    "lastCollectedRunId" INTEGER,
    "previousCollectedRunId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Host_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "durationMs" INTEGER,
    "commands" TEXT NOT NULL DEFAULT '[]',
    "hasSnapshot" BOOLEAN NOT NULL DEFAULT false,
    "snapshotRunId" INTEGER,
    "topology" TEXT,
    "shellStarts" INTEGER,
    "channels" INTEGER,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT,
    "mac" TEXT,
    "mtu" INTEGER,
    "state" TEXT NOT NULL,
    "speedMbps" INTEGER,
    "duplex" TEXT,
    "driver" TEXT,
    "permanentMac" TEXT,
    "linkModes" TEXT,
    "addresses" TEXT NOT NULL DEFAULT '[]',
    "rxBytes" BIGINT,
    "txBytes" BIGINT,
    "rxPackets" BIGINT,
    "txPackets" BIGINT,
    "rxErrors" BIGINT,
    "txErrors" BIGINT,
    "rxDropped" BIGINT,
    "txDropped" BIGINT,

    CONSTRAINT "Interface_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Neighbor" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "mac" TEXT,
    "interface" TEXT,
    "state" TEXT NOT NULL,
    "router" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Neighbor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "key" TEXT NOT NULL,
    "nextDueAt" TIMESTAMP(3) NOT NULL,
    "lastRunAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Finding" (
    "id" SERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "subject" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "fix" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '[]',
    "evidenceHash" TEXT NOT NULL,
    "mutedEvidenceHash" TEXT,
    "firstSeenAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "resolvedAt" TIMESTAMP(3),
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3),

    CONSTRAINT "Finding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FindingHost" (
    "findingId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'affected',

    CONSTRAINT "FindingHost_pkey" PRIMARY KEY ("findingId","hostId")
);

-- CreateTable
CREATE TABLE "NeighborEvent" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "mac" TEXT,
    "previousMac" TEXT,
    "interface" TEXT,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NeighborEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterfaceSample" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "rxBytes" BIGINT,
    "txBytes" BIGINT,
    "rxPackets" BIGINT,
    "txPackets" BIGINT,
    "rxErrors" BIGINT,
    "txErrors" BIGINT,
    "rxDropped" BIGINT,
    "txDropped" BIGINT,
    "seconds" DOUBLE PRECISION,
    "rxBps" DOUBLE PRECISION,
    "txBps" DOUBLE PRECISION,
    "errors" INTEGER,
    "drops" INTEGER,

    CONSTRAINT "InterfaceSample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterfaceRollup" (
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" TIMESTAMP(3) NOT NULL,
    "samples" INTEGER NOT NULL,
    "seconds" DOUBLE PRECISION NOT NULL,
    "rxAvg" DOUBLE PRECISION,
    "rxMin" DOUBLE PRECISION,
    "rxMax" DOUBLE PRECISION,
    "txAvg" DOUBLE PRECISION,
    "txMin" DOUBLE PRECISION,
    "txMax" DOUBLE PRECISION,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "drops" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InterfaceRollup_pkey" PRIMARY KEY ("hostId","name","period","start")
);

-- CreateTable
CREATE TABLE "InterfaceEvent" (
    "id" SERIAL NOT NULL,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InterfaceEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IperfRun" (
    "id" SERIAL NOT NULL,
    "clientHostId" INTEGER NOT NULL,
    "serverHostId" INTEGER NOT NULL,
    "scheduleId" INTEGER,
    "serverAddress" TEXT,
    "serverAddressManual" BOOLEAN NOT NULL DEFAULT false,
    "clientAddress" TEXT,
    "port" INTEGER,
    "durationSec" INTEGER NOT NULL,
    "parallel" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL,
    "bitrateMbps" DOUBLE PRECISION,
    "direction" TEXT NOT NULL,
    "omitSec" INTEGER NOT NULL,
    "simultaneous" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "clientVersion" TEXT,
    "serverVersion" TEXT,
    "clientRoute" TEXT,
    "serverRoute" TEXT,
    "clientInterface" TEXT,
    "serverInterface" TEXT,
    "clientLinkMbps" INTEGER,
    "serverLinkMbps" INTEGER,
    "notes" TEXT,
    "fwdBitsPerSecond" DOUBLE PRECISION,
    "fwdSentBitsPerSecond" DOUBLE PRECISION,
    "fwdBytes" BIGINT,
    "fwdSentBytes" BIGINT,
    "fwdRetransmits" INTEGER,
    "fwdJitterMs" DOUBLE PRECISION,
    "fwdLostPercent" DOUBLE PRECISION,
    "fwdCpuClientPercent" DOUBLE PRECISION,
    "fwdCpuServerPercent" DOUBLE PRECISION,
    "revBitsPerSecond" DOUBLE PRECISION,
    "revSentBitsPerSecond" DOUBLE PRECISION,
    "revBytes" BIGINT,
    "revSentBytes" BIGINT,
    "revRetransmits" INTEGER,
    "revJitterMs" DOUBLE PRECISION,
    "revLostPercent" DOUBLE PRECISION,
    "revCpuClientPercent" DOUBLE PRECISION,
    "revCpuServerPercent" DOUBLE PRECISION,
    "verdictKeys" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "IperfRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IperfOutput" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "intervals" TEXT NOT NULL DEFAULT '{}',
    "clientRaw" TEXT,
    "serverRaw" TEXT,

    CONSTRAINT "IperfOutput_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IperfSchedule" (
    "id" SERIAL NOT NULL,
    "clientHostId" INTEGER NOT NULL,
    "serverHostId" INTEGER NOT NULL,
    "intervalMinutes" INTEGER NOT NULL,
    "durationSec" INTEGER NOT NULL,
    "parallel" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL,
    "bitrateMbps" DOUBLE PRECISION,
    "direction" TEXT NOT NULL,
    "omitSec" INTEGER NOT NULL,
    "simultaneous" BOOLEAN NOT NULL DEFAULT false,
    "serverAddress" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IperfSchedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationChannel" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "config" TEXT NOT NULL,
    "secrets" TEXT NOT NULL DEFAULT '{}',
    "rules" TEXT NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastSuccessAt" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),
    "lastError" TEXT,
    "failedInARow" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NotificationChannel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationDelivery" (
    "id" SERIAL NOT NULL,
    "channelId" INTEGER NOT NULL,
    "event" TEXT NOT NULL,
    "items" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastAttemptAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "answer" TEXT,

    CONSTRAINT "NotificationDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NotificationAttempt" (
    "id" SERIAL NOT NULL,
    "deliveryId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "answer" TEXT NOT NULL,
    "ms" INTEGER NOT NULL,

    CONSTRAINT "NotificationAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MtuProbe" (
    "id" SERIAL NOT NULL,
    "batchId" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "fromHostId" INTEGER NOT NULL,
    "toHostId" INTEGER NOT NULL,
    "fromInterface" TEXT,
    "fromAddress" TEXT NOT NULL,
    "toAddress" TEXT NOT NULL,
    "subnet" TEXT NOT NULL,
    "payloadBytes" INTEGER NOT NULL,
    "expectedMtu" INTEGER NOT NULL,
    "peerMtu" INTEGER,
    "command" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "tooBig" BOOLEAN NOT NULL DEFAULT false,
    "transmitted" INTEGER,
    "received" INTEGER,
    "lossPercent" DOUBLE PRECISION,
    "reportedMtu" INTEGER,
    "rttAvgMs" DOUBLE PRECISION,
    "error" TEXT,
    "errorCode" TEXT,
    "output" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "MtuProbe_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_username_key" ON "User"("username");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_userId_idx" ON "ApiToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE INDEX "Run_hostId_startedAt_idx" ON "Run"("hostId", "startedAt");

-- CreateIndex
CREATE INDEX "Run_snapshotRunId_idx" ON "Run"("snapshotRunId");

-- CreateIndex
CREATE INDEX "Run_startedAt_idx" ON "Run"("startedAt");

-- CreateIndex
CREATE INDEX "Interface_runId_idx" ON "Interface"("runId");

-- CreateIndex
CREATE INDEX "Interface_hostId_name_idx" ON "Interface"("hostId", "name");

-- CreateIndex
CREATE INDEX "Interface_mac_idx" ON "Interface"("mac");

-- CreateIndex
CREATE INDEX "Neighbor_runId_idx" ON "Neighbor"("runId");

-- CreateIndex
CREATE INDEX "Neighbor_hostId_idx" ON "Neighbor"("hostId");

-- CreateIndex
CREATE INDEX "Neighbor_mac_idx" ON "Neighbor"("mac");

-- CreateIndex
CREATE INDEX "ScheduledJob_nextDueAt_idx" ON "ScheduledJob"("nextDueAt");

-- CreateIndex
CREATE INDEX "Finding_status_severity_idx" ON "Finding"("status", "severity");

-- CreateIndex
CREATE INDEX "Finding_status_resolvedAt_idx" ON "Finding"("status", "resolvedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_scope_key_key" ON "Finding"("scope", "key");

-- CreateIndex
CREATE INDEX "FindingHost_hostId_idx" ON "FindingHost"("hostId");

-- CreateIndex
CREATE INDEX "NeighborEvent_hostId_at_idx" ON "NeighborEvent"("hostId", "at");

-- CreateIndex
CREATE INDEX "NeighborEvent_ip_at_idx" ON "NeighborEvent"("ip", "at");

-- CreateIndex
CREATE INDEX "NeighborEvent_at_idx" ON "NeighborEvent"("at");

-- CreateIndex
CREATE INDEX "InterfaceSample_hostId_name_at_idx" ON "InterfaceSample"("hostId", "name", "at");

-- CreateIndex
CREATE INDEX "InterfaceSample_runId_idx" ON "InterfaceSample"("runId");

-- CreateIndex
CREATE INDEX "InterfaceSample_at_idx" ON "InterfaceSample"("at");

-- CreateIndex
CREATE INDEX "InterfaceRollup_period_start_idx" ON "InterfaceRollup"("period", "start");

-- CreateIndex
CREATE INDEX "InterfaceEvent_hostId_name_at_idx" ON "InterfaceEvent"("hostId", "name", "at");

-- CreateIndex
CREATE INDEX "InterfaceEvent_at_idx" ON "InterfaceEvent"("at");

-- CreateIndex
CREATE INDEX "IperfRun_clientHostId_serverHostId_status_startedAt_idx" ON "IperfRun"("clientHostId", "serverHostId", "status", "startedAt");

-- CreateIndex
CREATE INDEX "IperfRun_serverHostId_status_startedAt_idx" ON "IperfRun"("serverHostId", "status", "startedAt");

-- CreateIndex
CREATE INDEX "IperfRun_status_id_idx" ON "IperfRun"("status", "id");

-- CreateIndex
CREATE INDEX "IperfRun_scheduleId_status_idx" ON "IperfRun"("scheduleId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "IperfOutput_runId_direction_key" ON "IperfOutput"("runId", "direction");

-- CreateIndex
CREATE UNIQUE INDEX "IperfSchedule_clientHostId_serverHostId_key" ON "IperfSchedule"("clientHostId", "serverHostId");

-- CreateIndex
CREATE UNIQUE INDEX "NotificationChannel_name_key" ON "NotificationChannel"("name");

-- CreateIndex
CREATE INDEX "NotificationDelivery_status_nextAttemptAt_idx" ON "NotificationDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "NotificationDelivery_channelId_id_idx" ON "NotificationDelivery"("channelId", "id");

-- CreateIndex
CREATE INDEX "NotificationDelivery_createdAt_idx" ON "NotificationDelivery"("createdAt");

-- CreateIndex
CREATE INDEX "NotificationAttempt_deliveryId_idx" ON "NotificationAttempt"("deliveryId");

-- CreateIndex
CREATE INDEX "MtuProbe_fromHostId_at_idx" ON "MtuProbe"("fromHostId", "at");

-- CreateIndex
CREATE INDEX "MtuProbe_toHostId_at_idx" ON "MtuProbe"("toHostId", "at");

-- CreateIndex
CREATE INDEX "MtuProbe_batchId_idx" ON "MtuProbe"("batchId");

-- CreateIndex
CREATE INDEX "MtuProbe_at_idx" ON "MtuProbe"("at");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Neighbor" ADD CONSTRAINT "Neighbor_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Neighbor" ADD CONSTRAINT "Neighbor_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingHost" ADD CONSTRAINT "FindingHost_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FindingHost" ADD CONSTRAINT "FindingHost_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NeighborEvent" ADD CONSTRAINT "NeighborEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceSample" ADD CONSTRAINT "InterfaceSample_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceRollup" ADD CONSTRAINT "InterfaceRollup_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceEvent" ADD CONSTRAINT "InterfaceEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfRun" ADD CONSTRAINT "IperfRun_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfRun" ADD CONSTRAINT "IperfRun_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfRun" ADD CONSTRAINT "IperfRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "IperfSchedule"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfOutput" ADD CONSTRAINT "IperfOutput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IperfRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfSchedule" ADD CONSTRAINT "IperfSchedule_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfSchedule" ADD CONSTRAINT "IperfSchedule_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationDelivery" ADD CONSTRAINT "NotificationDelivery_channelId_fkey" FOREIGN KEY ("channelId") REFERENCES "NotificationChannel"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NotificationAttempt" ADD CONSTRAINT "NotificationAttempt_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "NotificationDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MtuProbe" ADD CONSTRAINT "MtuProbe_fromHostId_fkey" FOREIGN KEY ("fromHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MtuProbe" ADD CONSTRAINT "MtuProbe_toHostId_fkey" FOREIGN KEY ("toHostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

