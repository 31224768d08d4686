-- CreateTable
CREATE TABLE "IperfRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "bitrateMbps" REAL,
    "direction" TEXT NOT NULL,
    "omitSec" INTEGER NOT NULL,
    "simultaneous" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    "clientVersion" TEXT,
    "serverVersion" TEXT,
    "clientRoute" TEXT,
    "serverRoute" TEXT,
    "clientInterface" TEXT,
    "serverInterface" TEXT,
    "clientLinkMbps" INTEGER,
    "serverLinkMbps" INTEGER,
    "notes" TEXT,
    "fwdBitsPerSecond" REAL,
    "fwdSentBitsPerSecond" REAL,
    "fwdBytes" BIGINT,
    "fwdSentBytes" BIGINT,
    "fwdRetransmits" INTEGER,
    "fwdJitterMs" REAL,
    "fwdLostPercent" REAL,
    "fwdCpuClientPercent" REAL,
    "fwdCpuServerPercent" REAL,
    "revBitsPerSecond" REAL,
    "revSentBitsPerSecond" REAL,
    "revBytes" BIGINT,
    "revSentBytes" BIGINT,
    "revRetransmits" INTEGER,
    "revJitterMs" REAL,
    "revLostPercent" REAL,
    "revCpuClientPercent" REAL,
    "revCpuServerPercent" REAL,
    "findings" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "IperfRun_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfRun_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "IperfSchedule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IperfOutput" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "direction" TEXT NOT NULL,
    "intervals" TEXT NOT NULL DEFAULT '{}',
    "clientRaw" TEXT,
    "serverRaw" TEXT,
    CONSTRAINT "IperfOutput_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IperfRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "IperfSchedule" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clientHostId" INTEGER NOT NULL,
    "serverHostId" INTEGER NOT NULL,
    "intervalMinutes" INTEGER NOT NULL,
    "durationSec" INTEGER NOT NULL,
    "parallel" INTEGER NOT NULL,
    "protocol" TEXT NOT NULL,
    "bitrateMbps" REAL,
    "direction" TEXT NOT NULL,
    "omitSec" INTEGER NOT NULL,
    "simultaneous" BOOLEAN NOT NULL DEFAULT false,
    "serverAddress" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "nextDueAt" DATETIME NOT NULL,
    "lastRunAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IperfSchedule_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfSchedule_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
CREATE INDEX "IperfSchedule_enabled_nextDueAt_idx" ON "IperfSchedule"("enabled", "nextDueAt");

-- CreateIndex
CREATE UNIQUE INDEX "IperfSchedule_clientHostId_serverHostId_key" ON "IperfSchedule"("clientHostId", "serverHostId");

