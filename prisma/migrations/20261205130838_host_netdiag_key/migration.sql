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
    "latestSnapshotRunId" INTEGER,
    "previousSnapshotRunId" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Host" ("address", "createdAt", "detectedPlatform", "distribution", "hostKeyAlgorithm", "hostKeyChangedAt", "hostKeyFingerprint", "hostname", "id", "kernel", "latestSnapshotRunId", "legacySshAlgorithms", "name", "offeredHostKeyAlgorithm", "offeredHostKeyFingerprint", "passphraseEnc", "passwordEnc", "platform", "port", "previousSnapshotRunId", "privateKeyEnc", "updatedAt", "username") SELECT "address", "createdAt", "detectedPlatform", "distribution", "hostKeyAlgorithm", "hostKeyChangedAt", "hostKeyFingerprint", "hostname", "id", "kernel", "latestSnapshotRunId", "legacySshAlgorithms", "name", "offeredHostKeyAlgorithm", "offeredHostKeyFingerprint", "passphraseEnc", "passwordEnc", "platform", "port", "previousSnapshotRunId", "privateKeyEnc", "updatedAt", "username" FROM "Host";
DROP TABLE "Host";
ALTER TABLE "new_Host" RENAME TO "Host";
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
