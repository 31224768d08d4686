
-- CreateTable
CREATE TABLE "Collector" (
    "id" TEXT NOT NULL,
    "site" TEXT,
    "role" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "hostname" TEXT NOT NULL,
    "pid" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "stoppedAt" TIMESTAMP(3),
    "jobsDone" INTEGER NOT NULL DEFAULT 0,
    "lastJobAt" TIMESTAMP(3),

    CONSTRAINT "Collector_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Collector_lastSeenAt_idx" ON "Collector"("lastSeenAt");
