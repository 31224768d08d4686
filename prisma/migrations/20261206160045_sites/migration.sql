
-- CreateTable
CREATE TABLE "SiteRoute" (
    "siteA" TEXT NOT NULL,
    "siteB" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("siteA", "siteB")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Host" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "port" INTEGER NOT NULL DEFAULT 22,
    "username" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT 'auto',
    "detectedPlatform" TEXT,
    "privateKeyEnc" TEXT,
    "passphraseEnc" TEXT,
    "passwordEnc" TEXT,
    "useNetdiagKey" BOOLEAN NOT NULL DEFAULT false,
    "hostKeyFingerprint" TEXT,
    "hostKeyAlgorithm" TEXT,
    "offeredHostKeyFingerprint" TEXT,
    "offeredHostKeyAlgorithm" TEXT,
    "hostKeyChangedAt" DATETIME,
    "legacySshAlgorithms" BOOLEAN NOT NULL DEFAULT false,
    "hostname" TEXT,
    "kernel" TEXT,
    "distribution" TEXT,
    "site" TEXT NOT NULL DEFAULT 'default',
    "latestSnapshotRunId" INTEGER,
    "previousSnapshotRunId" INTEGER,
    "lastCollectedRunId" INTEGER,
    "previousCollectedRunId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Host" ("address", "createdAt", "detectedPlatform", "distribution", "hostKeyAlgorithm", "hostKeyChangedAt", "hostKeyFingerprint", "hostname", "id", "kernel", "lastCollectedRunId", "latestSnapshotRunId", "legacySshAlgorithms", "name", "offeredHostKeyAlgorithm", "offeredHostKeyFingerprint", "passphraseEnc", "passwordEnc", "platform", "port", "previousCollectedRunId", "previousSnapshotRunId", "privateKeyEnc", "updatedAt", "useNetdiagKey", "username") SELECT "address", "createdAt", "detectedPlatform", "distribution", "hostKeyAlgorithm", "hostKeyChangedAt", "hostKeyFingerprint", "hostname", "id", "kernel", "lastCollectedRunId", "latestSnapshotRunId", "legacySshAlgorithms", "name", "offeredHostKeyAlgorithm", "offeredHostKeyFingerprint", "passphraseEnc", "passwordEnc", "platform", "port", "previousCollectedRunId", "previousSnapshotRunId", "privateKeyEnc", "updatedAt", "useNetdiagKey", "username" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
CREATE INDEX "Host_site_idx" ON "Host"("site");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
