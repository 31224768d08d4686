-- DropIndex
DROP INDEX "Interface_hostId_idx";

-- DropIndex: nothing reads runs by hasSnapshot since Host points at its snapshots and collections.
DROP INDEX "Run_hostId_hasSnapshot_startedAt_idx";

-- AlterTable
ALTER TABLE "Host" ADD COLUMN "lastCollectedRunId" INTEGER;
ALTER TABLE "Host" ADD COLUMN "previousCollectedRunId" INTEGER;

-- AlterTable
ALTER TABLE "Run" ADD COLUMN "snapshotRunId" INTEGER;

-- CreateTable
CREATE TABLE "InterfaceSample" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "at" DATETIME NOT NULL,
    "rxBytes" BIGINT,
    "txBytes" BIGINT,
    "rxPackets" BIGINT,
    "txPackets" BIGINT,
    "rxErrors" BIGINT,
    "txErrors" BIGINT,
    "rxDropped" BIGINT,
    "txDropped" BIGINT,
    "seconds" REAL,
    "rxBps" REAL,
    "txBps" REAL,
    "errors" INTEGER,
    "drops" INTEGER,
    CONSTRAINT "InterfaceSample_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterfaceRollup" (
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "start" DATETIME NOT NULL,
    "samples" INTEGER NOT NULL,
    "seconds" REAL NOT NULL,
    "rxAvg" REAL,
    "rxMin" REAL,
    "rxMax" REAL,
    "txAvg" REAL,
    "txMin" REAL,
    "txMax" REAL,
    "errors" INTEGER NOT NULL DEFAULT 0,
    "drops" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("hostId", "name", "period", "start"),
    CONSTRAINT "InterfaceRollup_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterfaceEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" DATETIME NOT NULL,
    CONSTRAINT "InterfaceEvent_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
CREATE INDEX "Run_snapshotRunId_idx" ON "Run"("snapshotRunId");

-- CreateIndex
CREATE INDEX "Run_startedAt_idx" ON "Run"("startedAt");

-- CreateIndex
CREATE INDEX "Interface_hostId_name_idx" ON "Interface"("hostId", "name");

-- CreateIndex
CREATE INDEX "Finding_status_resolvedAt_idx" ON "Finding"("status", "resolvedAt");

-- CreateIndex
CREATE INDEX "NeighborEvent_at_idx" ON "NeighborEvent"("at");

-- CreateIndex
CREATE INDEX "MtuProbe_at_idx" ON "MtuProbe"("at");

-- Existing history: every stored snapshot is its own, the two newest are the two newest
-- collections, and the counters of each stored interface row become that NIC's samples, with
-- rates between consecutive ones (a counter that went down is a reset: no rate).
UPDATE "Run" SET "snapshotRunId" = "id" WHERE "hasSnapshot" = 1;
UPDATE "Host" SET "lastCollectedRunId" = "latestSnapshotRunId", "previousCollectedRunId" = "previousSnapshotRunId";
INSERT INTO "InterfaceSample" ("hostId", "runId", "name", "at", "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped", "seconds", "rxBps", "txBps", "errors", "drops")
SELECT "hostId", "runId", "name", "at", "rxBytes", "txBytes", "rxPackets", "txPackets", "rxErrors", "txErrors", "rxDropped", "txDropped",
  "seconds",
  CASE WHEN "seconds" > 0 AND "rxBytes" >= "pRx" THEN ("rxBytes" - "pRx") * 8.0 / "seconds" END,
  CASE WHEN "seconds" > 0 AND "txBytes" >= "pTx" THEN ("txBytes" - "pTx") * 8.0 / "seconds" END,
  CASE WHEN "rxErrors" >= "pRxE" AND "txErrors" >= "pTxE" THEN ("rxErrors" - "pRxE") + ("txErrors" - "pTxE") END,
  CASE WHEN "rxDropped" >= "pRxD" AND "txDropped" >= "pTxD" THEN ("rxDropped" - "pRxD") + ("txDropped" - "pTxD") END
FROM (
  SELECT i."hostId", i."runId", i."name", r."startedAt" AS "at",
    i."rxBytes", i."txBytes", i."rxPackets", i."txPackets", i."rxErrors", i."txErrors", i."rxDropped", i."txDropped",
    ROUND((julianday(r."startedAt") - julianday(LAG(r."startedAt") OVER w)) * 86400.0, 3) AS "seconds",
    LAG(i."rxBytes") OVER w AS "pRx", LAG(i."txBytes") OVER w AS "pTx",
    LAG(i."rxErrors") OVER w AS "pRxE", LAG(i."txErrors") OVER w AS "pTxE",
    LAG(i."rxDropped") OVER w AS "pRxD", LAG(i."txDropped") OVER w AS "pTxD"
  FROM "Interface" i JOIN "Run" r ON r."id" = i."runId"
  WHERE i."rxBytes" IS NOT NULL OR i."txBytes" IS NOT NULL OR i."rxErrors" IS NOT NULL OR i."rxDropped" IS NOT NULL
  WINDOW w AS (PARTITION BY i."hostId", i."name" ORDER BY r."startedAt", i."runId")
);
