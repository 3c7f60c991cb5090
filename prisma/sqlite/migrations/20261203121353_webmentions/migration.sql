-- CreateTable
CREATE TABLE "Webmention" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "postId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "endpoint" TEXT,
    "status" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Webmention_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Webmention_postId_updatedAt_idx" ON "Webmention"("postId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Webmention_postId_target_key" ON "Webmention"("postId", "target");
