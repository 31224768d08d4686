-- AlterTable
ALTER TABLE "Host" ADD COLUMN "distribution" TEXT;

-- CreateTable
CREATE TABLE "Finding" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "firstSeenAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "openedAt" DATETIME NOT NULL,
    "resolvedAt" DATETIME,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "statusReason" TEXT,
    "statusChangedAt" DATETIME
);

-- CreateTable
CREATE TABLE "FindingHost" (
    "findingId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,

    PRIMARY KEY ("findingId", "hostId"),
    CONSTRAINT "FindingHost_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FindingHost_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "NeighborEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "mac" TEXT,
    "previousMac" TEXT,
    "interface" TEXT,
    "kind" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "NeighborEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MtuProbe" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "batchId" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
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
    "lossPercent" REAL,
    "reportedMtu" INTEGER,
    "rttAvgMs" REAL,
    "error" TEXT,
    "errorCode" TEXT,
    "output" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "MtuProbe_fromHostId_fkey" FOREIGN KEY ("fromHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MtuProbe_toHostId_fkey" FOREIGN KEY ("toHostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Finding_status_severity_idx" ON "Finding"("status", "severity");

-- CreateIndex
CREATE UNIQUE INDEX "Finding_scope_key_key" ON "Finding"("scope", "key");

-- CreateIndex
CREATE INDEX "FindingHost_hostId_idx" ON "FindingHost"("hostId");

-- CreateIndex
CREATE INDEX "NeighborEvent_hostId_at_idx" ON "NeighborEvent"("hostId", "at");

-- CreateIndex
CREATE INDEX "NeighborEvent_ip_at_idx" ON "NeighborEvent"("ip", "at");

-- CreateIndex
CREATE INDEX "MtuProbe_fromHostId_at_idx" ON "MtuProbe"("fromHostId", "at");

-- CreateIndex
CREATE INDEX "MtuProbe_toHostId_at_idx" ON "MtuProbe"("toHostId", "at");

-- CreateIndex
CREATE INDEX "MtuProbe_batchId_idx" ON "MtuProbe"("batchId");

