-- AlterTable
ALTER TABLE "Run" ADD COLUMN "topology" TEXT;
