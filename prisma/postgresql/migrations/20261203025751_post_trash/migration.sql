-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "deletedById" TEXT,
ALTER COLUMN "canonicalUrl" DROP NOT NULL;

-- CreateIndex
CREATE INDEX "Post_deletedAt_idx" ON "Post"("deletedAt");

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The search table's "status" is now the post's status, or 'TRASHED' while the post is in the trash, so the ranking
-- (which keeps only public statuses) never finds a trashed post and finds it again once restored. No body below
-- contains a semicolon (see 20261126045302_post_search).
CREATE OR REPLACE FUNCTION "post_search_refresh"(target TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "post_search" ("post_id", "status", "published_at", "document")
    SELECT p."id", CASE WHEN p."deletedAt" IS NULL THEN p."status" ELSE 'TRASHED' END, p."publishedAt",
        setweight(to_tsvector('english', p."title"), 'A') ||
        setweight(to_tsvector('english', COALESCE((SELECT string_agg(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id"), '')), 'B') ||
        setweight(to_tsvector('english', COALESCE(s."name", '')), 'B') ||
        setweight(to_tsvector('english', p."tldr"), 'B') ||
        setweight(to_tsvector('english', p."summary"), 'C') ||
        setweight(to_tsvector('english', p."commentary"), 'D')
    FROM "Post" p LEFT JOIN "Source" s ON s."id" = p."sourceId"
    WHERE p."id" = target
    ON CONFLICT ("post_id") DO UPDATE SET "status" = EXCLUDED."status", "published_at" = EXCLUDED."published_at", "document" = EXCLUDED."document"
$$;

CREATE OR REPLACE FUNCTION "post_search_refresh_many"(targets TEXT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "post_search" ("post_id", "status", "published_at", "document")
    SELECT p."id", CASE WHEN p."deletedAt" IS NULL THEN p."status" ELSE 'TRASHED' END, p."publishedAt",
        setweight(to_tsvector('english', p."title"), 'A') ||
        setweight(to_tsvector('english', COALESCE((SELECT string_agg(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id"), '')), 'B') ||
        setweight(to_tsvector('english', COALESCE(s."name", '')), 'B') ||
        setweight(to_tsvector('english', p."tldr"), 'B') ||
        setweight(to_tsvector('english', p."summary"), 'C') ||
        setweight(to_tsvector('english', p."commentary"), 'D')
    FROM "Post" p LEFT JOIN "Source" s ON s."id" = p."sourceId"
    WHERE p."id" = ANY(targets)
    ON CONFLICT ("post_id") DO UPDATE SET "status" = EXCLUDED."status", "published_at" = EXCLUDED."published_at", "document" = EXCLUDED."document"
$$;

DROP TRIGGER "post_search_post_write" ON "Post";
CREATE TRIGGER "post_search_post_write" AFTER UPDATE OF "title", "tldr", "summary", "commentary", "sourceId", "status", "publishedAt", "deletedAt" ON "Post"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post"();
