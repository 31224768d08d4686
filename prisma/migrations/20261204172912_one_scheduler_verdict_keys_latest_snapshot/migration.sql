-- AlterTable
ALTER TABLE "Host" ADD COLUMN "latestSnapshotRunId" INTEGER;
ALTER TABLE "Host" ADD COLUMN "previousSnapshotRunId" INTEGER;

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "nextDueAt" DATETIME NOT NULL,
    "lastRunAt" DATETIME,
    "lastError" TEXT
);

-- Data: every periodic job in one table. An iperf schedule keeps its next slot; the collection
-- cadence (was Setting "scheduler.lastCollectAllAt") restarts with one collection at start.
INSERT INTO "ScheduledJob" ("key", "nextDueAt", "lastRunAt") SELECT 'iperf-schedule:' || "id", "nextDueAt", "lastRunAt" FROM "IperfSchedule";
DELETE FROM "Setting" WHERE "key" = 'scheduler.lastCollectAllAt';

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_IperfRun" (
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
    "verdictKeys" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "IperfRun_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfRun_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfRun_scheduleId_fkey" FOREIGN KEY ("scheduleId") REFERENCES "IperfSchedule" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_IperfRun" ("bitrateMbps", "clientAddress", "clientHostId", "clientInterface", "clientLinkMbps", "clientRoute", "clientVersion", "createdAt", "direction", "durationSec", "error", "errorCode", "finishedAt", "fwdBitsPerSecond", "fwdBytes", "fwdCpuClientPercent", "fwdCpuServerPercent", "fwdJitterMs", "fwdLostPercent", "fwdRetransmits", "fwdSentBitsPerSecond", "fwdSentBytes", "id", "notes", "omitSec", "parallel", "port", "protocol", "revBitsPerSecond", "revBytes", "revCpuClientPercent", "revCpuServerPercent", "revJitterMs", "revLostPercent", "revRetransmits", "revSentBitsPerSecond", "revSentBytes", "scheduleId", "serverAddress", "serverAddressManual", "serverHostId", "serverInterface", "serverLinkMbps", "serverRoute", "serverVersion", "simultaneous", "startedAt", "status", "verdictKeys") SELECT "bitrateMbps", "clientAddress", "clientHostId", "clientInterface", "clientLinkMbps", "clientRoute", "clientVersion", "createdAt", "direction", "durationSec", "error", "errorCode", "finishedAt", "fwdBitsPerSecond", "fwdBytes", "fwdCpuClientPercent", "fwdCpuServerPercent", "fwdJitterMs", "fwdLostPercent", "fwdRetransmits", "fwdSentBitsPerSecond", "fwdSentBytes", "id", "notes", "omitSec", "parallel", "port", "protocol", "revBitsPerSecond", "revBytes", "revCpuClientPercent", "revCpuServerPercent", "revJitterMs", "revLostPercent", "revRetransmits", "revSentBitsPerSecond", "revSentBytes", "scheduleId", "serverAddress", "serverAddressManual", "serverHostId", "serverInterface", "serverLinkMbps", "serverRoute", "serverVersion", "simultaneous", "startedAt", "status",
    -- the verdicts were stored whole on the run; only their keys stay (the Finding table has the rest)
    CASE WHEN json_valid("findings") THEN (SELECT json_group_array(json_extract("value", '$.key')) FROM json_each("findings")) ELSE '[]' END
  FROM "IperfRun";
DROP TABLE "IperfRun";
ALTER TABLE "new_IperfRun" RENAME TO "IperfRun";
CREATE INDEX "IperfRun_clientHostId_serverHostId_status_startedAt_idx" ON "IperfRun"("clientHostId", "serverHostId", "status", "startedAt");
CREATE INDEX "IperfRun_serverHostId_status_startedAt_idx" ON "IperfRun"("serverHostId", "status", "startedAt");
CREATE INDEX "IperfRun_status_id_idx" ON "IperfRun"("status", "id");
CREATE INDEX "IperfRun_scheduleId_status_idx" ON "IperfRun"("scheduleId", "status");
CREATE TABLE "new_IperfSchedule" (
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "IperfSchedule_clientHostId_fkey" FOREIGN KEY ("clientHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfSchedule_serverHostId_fkey" FOREIGN KEY ("serverHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_IperfSchedule" ("bitrateMbps", "clientHostId", "createdAt", "direction", "durationSec", "enabled", "id", "intervalMinutes", "omitSec", "parallel", "protocol", "serverAddress", "serverHostId", "simultaneous", "updatedAt") SELECT "bitrateMbps", "clientHostId", "createdAt", "direction", "durationSec", "enabled", "id", "intervalMinutes", "omitSec", "parallel", "protocol", "serverAddress", "serverHostId", "simultaneous", "updatedAt" FROM "IperfSchedule";
DROP TABLE "IperfSchedule";
ALTER TABLE "new_IperfSchedule" RENAME TO "IperfSchedule";
CREATE UNIQUE INDEX "IperfSchedule_clientHostId_serverHostId_key" ON "IperfSchedule"("clientHostId", "serverHostId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ScheduledJob_nextDueAt_idx" ON "ScheduledJob"("nextDueAt");

-- Data: the two newest snapshots of every host, as finishRun keeps them from now on.
UPDATE "Host" SET "latestSnapshotRunId" = (SELECT MAX("id") FROM "Run" WHERE "Run"."hostId" = "Host"."id" AND "Run"."hasSnapshot" = 1);
UPDATE "Host" SET "previousSnapshotRunId" = (SELECT MAX("id") FROM "Run" WHERE "Run"."hostId" = "Host"."id" AND "Run"."hasSnapshot" = 1 AND "Run"."id" < "Host"."latestSnapshotRunId");
