-- CreateTable
CREATE TABLE "CacheInvalidation" (
    "seq" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "keys" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "CacheInvalidation_createdAt_idx" ON "CacheInvalidation"("createdAt");
