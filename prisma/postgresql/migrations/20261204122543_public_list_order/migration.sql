-- DropIndex
DROP INDEX "Post_sourceId_status_publishedAt_idx";

-- CreateIndex
CREATE INDEX "Post_publishedAt_id_idx" ON "Post"("publishedAt", "id");

-- CreateIndex
CREATE INDEX "Post_sourceId_publishedAt_id_idx" ON "Post"("sourceId", "publishedAt", "id");
