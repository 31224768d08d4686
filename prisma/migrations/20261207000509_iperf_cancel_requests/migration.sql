
-- AlterTable
ALTER TABLE "IperfRun" ADD COLUMN "cancelRequestedAt" DATETIME;
