
-- AlterTable
ALTER TABLE "Host" ADD COLUMN     "site" TEXT NOT NULL DEFAULT 'default';

-- CreateTable
CREATE TABLE "SiteRoute" (
    "siteA" TEXT NOT NULL,
    "siteB" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SiteRoute_pkey" PRIMARY KEY ("siteA","siteB")
);

-- CreateIndex
CREATE INDEX "Host_site_idx" ON "Host"("site");
