
-- AlterTable
ALTER TABLE "IperfRun" ADD COLUMN     "runningBy" TEXT;

-- CreateTable
CREATE TABLE "IperfHostClaim" (
    "hostId" INTEGER NOT NULL,
    "runId" INTEGER NOT NULL,
    "collectorId" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IperfHostClaim_pkey" PRIMARY KEY ("hostId")
);

-- CreateIndex
CREATE INDEX "IperfHostClaim_runId_idx" ON "IperfHostClaim"("runId");

-- CreateIndex
CREATE INDEX "IperfHostClaim_collectorId_idx" ON "IperfHostClaim"("collectorId");

-- AddForeignKey
ALTER TABLE "IperfHostClaim" ADD CONSTRAINT "IperfHostClaim_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IperfHostClaim" ADD CONSTRAINT "IperfHostClaim_runId_fkey" FOREIGN KEY ("runId") REFERENCES "IperfRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
