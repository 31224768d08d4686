
-- CreateTable
CREATE TABLE "Collector" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "site" TEXT,
    "role" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL,
    "stoppedAt" DATETIME,
    "jobsDone" INTEGER NOT NULL DEFAULT 0,
    "lastJobAt" DATETIME
);

-- CreateIndex
CREATE INDEX "Collector_lastSeenAt_idx" ON "Collector"("lastSeenAt");
