
-- AlterTable
ALTER TABLE "IperfRun" ADD COLUMN     "cancelRequestedAt" TIMESTAMP(3);
