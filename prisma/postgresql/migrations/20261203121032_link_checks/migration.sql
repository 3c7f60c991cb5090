-- CreateTable
CREATE TABLE "LinkCheck" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'UNCHECKED',
    "statusCode" INTEGER,
    "finalUrl" TEXT,
    "lastError" TEXT,
    "checkedAt" TIMESTAMP(3),
    "nextCheckAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "firstFailedAt" TIMESTAMP(3),
    "archiveUrl" TEXT,
    "archiveCheckedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LinkCheck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "LinkCheck_postId_key" ON "LinkCheck"("postId");

-- CreateIndex
CREATE INDEX "LinkCheck_nextCheckAt_idx" ON "LinkCheck"("nextCheckAt");

-- CreateIndex
CREATE INDEX "LinkCheck_state_idx" ON "LinkCheck"("state");

-- CreateIndex
CREATE INDEX "LinkCheck_host_idx" ON "LinkCheck"("host");

-- AddForeignKey
ALTER TABLE "LinkCheck" ADD CONSTRAINT "LinkCheck_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
