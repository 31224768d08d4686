
-- AlterTable
ALTER TABLE "Run" ADD COLUMN "sweep" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Run_hostId_sweep_key" ON "Run"("hostId", "sweep");
