-- CreateTable
CREATE TABLE "Host" (
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
    "hostKeyFingerprint" TEXT,
    "hostKeyAlgorithm" TEXT,
    "offeredHostKeyFingerprint" TEXT,
    "offeredHostKeyAlgorithm" TEXT,
    "hostKeyChangedAt" DATETIME,
    "hostname" TEXT,
    "kernel" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Run" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hostId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "errorCode" TEXT,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "durationMs" INTEGER,
    "commands" TEXT NOT NULL DEFAULT '[]',
    "hasSnapshot" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Run_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT,
    "mac" TEXT,
    "mtu" INTEGER,
    "state" TEXT NOT NULL,
    "speedMbps" INTEGER,
    "duplex" TEXT,
    "driver" TEXT,
    "addresses" TEXT NOT NULL DEFAULT '[]',
    "rxBytes" BIGINT,
    "txBytes" BIGINT,
    "rxPackets" BIGINT,
    "txPackets" BIGINT,
    "rxErrors" BIGINT,
    "txErrors" BIGINT,
    "rxDropped" BIGINT,
    "txDropped" BIGINT,
    CONSTRAINT "Interface_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interface_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Neighbor" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "hostId" INTEGER NOT NULL,
    "ip" TEXT NOT NULL,
    "mac" TEXT,
    "interface" TEXT,
    "state" TEXT NOT NULL,
    "router" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Neighbor_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Neighbor_hostId_fkey" FOREIGN KEY ("hostId") REFERENCES "Host" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Host_name_key" ON "Host"("name");

-- CreateIndex
CREATE INDEX "Run_hostId_startedAt_idx" ON "Run"("hostId", "startedAt");

-- CreateIndex
CREATE INDEX "Run_hostId_hasSnapshot_startedAt_idx" ON "Run"("hostId", "hasSnapshot", "startedAt");

-- CreateIndex
CREATE INDEX "Interface_runId_idx" ON "Interface"("runId");

-- CreateIndex
CREATE INDEX "Interface_hostId_idx" ON "Interface"("hostId");

-- CreateIndex
CREATE INDEX "Interface_mac_idx" ON "Interface"("mac");

-- CreateIndex
CREATE INDEX "Neighbor_runId_idx" ON "Neighbor"("runId");

-- CreateIndex
CREATE INDEX "Neighbor_hostId_idx" ON "Neighbor"("hostId");

-- CreateIndex
CREATE INDEX "Neighbor_mac_idx" ON "Neighbor"("mac");

