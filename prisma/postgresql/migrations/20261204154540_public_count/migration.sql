-- DropIndex
DROP INDEX "Post_status_publishedAt_idx";

-- CreateIndex
CREATE INDEX "Post_status_deletedAt_publishedAt_id_idx" ON "Post"("status", "deletedAt", "publishedAt", "id");
