
-- AlterTable
ALTER TABLE "IperfRun" ADD COLUMN "runningBy" TEXT;

-- CreateTable
CREATE TABLE "IperfHostClaim" (
    "hostId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "collectorId" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    CONSTRAINT "IperfHostClaim_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "IperfHostClaim_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IperfRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "IperfHostClaim_runId_idx" ON "IperfHostClaim"("runId");

-- CreateIndex
CREATE INDEX "IperfHostClaim_collectorId_idx" ON "IperfHostClaim"("collectorId");
