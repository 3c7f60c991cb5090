-- Full-text search for readers (/search): one weighted tsvector per post in "post_search", with a GIN index.
-- Triggers keep it in step with every write to posts, their tags and sources, whichever code path makes it.
-- The table is not a Prisma model: lib/cli/new-migration.ts leaves it out of its drift check.
-- Prisma's PostgreSQL driver adapter splits a migration at every semicolon, so the PL/pgSQL bodies below are
-- E'' strings that spell their semicolons as \073.

CREATE TABLE "post_search" (
    "post_id" TEXT NOT NULL PRIMARY KEY,
    "document" tsvector NOT NULL
);
CREATE INDEX "post_search_document_idx" ON "post_search" USING GIN ("document");

-- Title weighs most (A), then tags, source and the tldr (B), the summary (C) and the commentary (D).
CREATE FUNCTION "post_search_refresh"(target TEXT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "post_search" ("post_id", "document")
    SELECT p."id",
        setweight(to_tsvector('english', p."title"), 'A') ||
        setweight(to_tsvector('english', COALESCE((SELECT string_agg(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id"), '')), 'B') ||
        setweight(to_tsvector('english', COALESCE(s."name", '')), 'B') ||
        setweight(to_tsvector('english', p."tldr"), 'B') ||
        setweight(to_tsvector('english', p."summary"), 'C') ||
        setweight(to_tsvector('english', p."commentary"), 'D')
    FROM "Post" p LEFT JOIN "Source" s ON s."id" = p."sourceId"
    WHERE p."id" = target
    ON CONFLICT ("post_id") DO UPDATE SET "document" = EXCLUDED."document"
$$;

CREATE FUNCTION "post_search_on_post"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP = ''DELETE'' THEN
        DELETE FROM "post_search" WHERE "post_id" = OLD."id"\073
    ELSE
        PERFORM "post_search_refresh"(NEW."id")\073
    END IF\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_post_tag"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    IF TG_OP IN (''DELETE'', ''UPDATE'') THEN
        PERFORM "post_search_refresh"(OLD."postId")\073
    END IF\073
    IF TG_OP IN (''INSERT'', ''UPDATE'') THEN
        PERFORM "post_search_refresh"(NEW."postId")\073
    END IF\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_tag"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh"(pt."postId") FROM "PostTag" pt WHERE pt."tagId" = NEW."id"\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_source"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh"(p."id") FROM "Post" p WHERE p."sourceId" = NEW."id"\073
    RETURN NULL\073
END
';

CREATE TRIGGER "post_search_post_write" AFTER INSERT OR UPDATE OF "title", "tldr", "summary", "commentary", "sourceId" ON "Post"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post"();
CREATE TRIGGER "post_search_post_delete" AFTER DELETE ON "Post"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post"();
CREATE TRIGGER "post_search_post_tag_write" AFTER INSERT OR UPDATE OR DELETE ON "PostTag"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post_tag"();
CREATE TRIGGER "post_search_tag_rename" AFTER UPDATE OF "name" ON "Tag"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_tag"();
CREATE TRIGGER "post_search_source_rename" AFTER UPDATE OF "name" ON "Source"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_source"();

-- Posts written before this migration.
SELECT "post_search_refresh"("id") FROM "Post";
