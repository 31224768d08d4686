
-- AlterTable
ALTER TABLE "Run" ADD COLUMN "collectorId" TEXT;

-- AlterTable
ALTER TABLE "ScheduledJob" ADD COLUMN "runningBy" TEXT;
ALTER TABLE "ScheduledJob" ADD COLUMN "slotDueAt" DATETIME;
