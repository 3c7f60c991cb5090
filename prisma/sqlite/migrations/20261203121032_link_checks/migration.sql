-- CreateTable
CREATE TABLE "LinkCheck" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'UNCHECKED',
    "statusCode" INTEGER,
    "finalUrl" TEXT,
    "lastError" TEXT,
    "checkedAt" DATETIME,
    "nextCheckAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "firstFailedAt" DATETIME,
    "archiveUrl" TEXT,
    "archiveCheckedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LinkCheck_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkCheck_postId_key" ON "LinkCheck"("postId");

-- CreateIndex
CREATE INDEX "LinkCheck_nextCheckAt_idx" ON "LinkCheck"("nextCheckAt");

-- CreateIndex
CREATE INDEX "LinkCheck_state_idx" ON "LinkCheck"("state");

-- CreateIndex
CREATE INDEX "LinkCheck_host_idx" ON "LinkCheck"("host");
