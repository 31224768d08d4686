-- AlterTable
ALTER TABLE "Run" ADD COLUMN "channels" INTEGER;
ALTER TABLE "Run" ADD COLUMN "shellStarts" INTEGER;
