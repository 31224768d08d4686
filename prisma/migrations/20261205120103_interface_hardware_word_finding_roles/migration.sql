-- AlterTable
ALTER TABLE "Interface" ADD COLUMN "linkModes" TEXT;
ALTER TABLE "Interface" ADD COLUMN "permanentMac" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FindingHost" (
    "findingId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'affected',

    PRIMARY KEY ("findingId", "hostId"),
    CONSTRAINT "FindingHost_findingId_fkey" FOREIGN KEY ("findingId") REFERENCES "Finding" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FindingHost_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_FindingHost" ("findingId", "hostId") SELECT "findingId", "hostId" FROM "FindingHost";
DROP TABLE "FindingHost";
ALTER TABLE "new_FindingHost" RENAME TO "FindingHost";
CREATE INDEX "FindingHost_hostId_idx" ON "FindingHost"("hostId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- iperf findings were tracked per (client, server) order: a pair tested once as h1 -> h4 and
-- once as h4 -> h1 had two findings. They are per unordered pair now ("iperf:<low>-<high>",
-- key "<kind>:<low>-<high>"). A reversed row whose ordered twin exists is resolved (the twin
-- carries on); the others are renamed.
UPDATE "Finding" SET "status" = 'resolved', "resolvedAt" = COALESCE("resolvedAt", strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now'))
WHERE "scope" LIKE 'iperf:%-%'
  AND CAST(substr("scope", 7, instr(substr("scope", 7), '-') - 1) AS INTEGER) > CAST(substr("scope", 7 + instr(substr("scope", 7), '-')) AS INTEGER)
  AND EXISTS (
    SELECT 1 FROM "Finding" t
    WHERE t."scope" = 'iperf:' || substr("Finding"."scope", 7 + instr(substr("Finding"."scope", 7), '-')) || '-' || substr("Finding"."scope", 7, instr(substr("Finding"."scope", 7), '-') - 1)
      AND t."key" = substr("Finding"."key", 1, instr("Finding"."key", ':')) || substr("Finding"."scope", 7 + instr(substr("Finding"."scope", 7), '-')) || '-' || substr("Finding"."scope", 7, instr(substr("Finding"."scope", 7), '-') - 1)
  );
UPDATE "Finding"
SET "key" = substr("key", 1, instr("key", ':')) || substr("scope", 7 + instr(substr("scope", 7), '-')) || '-' || substr("scope", 7, instr(substr("scope", 7), '-') - 1),
    "scope" = 'iperf:' || substr("scope", 7 + instr(substr("scope", 7), '-')) || '-' || substr("scope", 7, instr(substr("scope", 7), '-') - 1)
WHERE "scope" LIKE 'iperf:%-%'
  AND CAST(substr("scope", 7, instr(substr("scope", 7), '-') - 1) AS INTEGER) > CAST(substr("scope", 7 + instr(substr("scope", 7), '-')) AS INTEGER)
  AND NOT EXISTS (
    SELECT 1 FROM "Finding" t
    WHERE t."scope" = 'iperf:' || substr("Finding"."scope", 7 + instr(substr("Finding"."scope", 7), '-')) || '-' || substr("Finding"."scope", 7, instr(substr("Finding"."scope", 7), '-') - 1)
      AND t."key" = substr("Finding"."key", 1, instr("Finding"."key", ':')) || substr("Finding"."scope", 7 + instr(substr("Finding"."scope", 7), '-')) || '-' || substr("Finding"."scope", 7, instr(substr("Finding"."scope", 7), '-') - 1)
  );
