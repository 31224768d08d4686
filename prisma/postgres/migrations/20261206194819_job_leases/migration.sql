
-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "collectorId" TEXT;

-- AlterTable
ALTER TABLE "ScheduledJob" ADD COLUMN     "runningBy" TEXT,
ADD COLUMN     "slotDueAt" TIMESTAMP(3);
