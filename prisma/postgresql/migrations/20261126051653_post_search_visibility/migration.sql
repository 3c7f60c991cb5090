-- Search, second shape: "post_search" also holds the two columns that decide whether a post is public, so ranking
-- a common word never reads the posts' large rows. The refresh function and the post trigger now follow them.
-- Prisma's PostgreSQL driver adapter splits a migration at every semicolon, so no body below contains one.

ALTER TABLE "post_search" ADD COLUMN "status" TEXT NOT NULL DEFAULT 'DRAFT';
ALTER TABLE "post_search" ADD COLUMN "published_at" TIMESTAMP(3);

CREATE OR REPLACE FUNCTION "post_search_refresh"(target TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "post_search" ("post_id", "status", "published_at", "document")
    SELECT p."id", p."status", p."publishedAt",
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

DROP TRIGGER "post_search_post_write" ON "Post";
CREATE TRIGGER "post_search_post_write" AFTER INSERT OR UPDATE OF "title", "tldr", "summary", "commentary", "sourceId", "status", "publishedAt" ON "Post"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post"();

CREATE INDEX "post_search_status_published_at_idx" ON "post_search" ("status", "published_at");

-- Posts written before this migration.
SELECT "post_search_refresh"("id") FROM "Post";
