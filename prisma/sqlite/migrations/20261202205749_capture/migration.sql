-- CreateTable
CREATE TABLE "Capture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "selection" TEXT NOT NULL,
    "via" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "Capture_expiresAt_idx" ON "Capture"("expiresAt");
