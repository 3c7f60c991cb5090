-- CreateTable
CREATE TABLE "Webmention" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "endpoint" TEXT,
    "status" TEXT NOT NULL,
    "responseStatus" INTEGER,
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Webmention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Webmention_postId_updatedAt_idx" ON "Webmention"("postId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Webmention_postId_target_key" ON "Webmention"("postId", "target");

-- AddForeignKey
ALTER TABLE "Webmention" ADD CONSTRAINT "Webmention_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;
