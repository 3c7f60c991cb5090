-- Search triggers that work per statement: a multi-row insert of posts or of tag links (the importer writes 500 at a
-- time) re-indexes each post once, in one set-based statement, instead of once per row. Single-row updates and
-- deletes of posts keep their row triggers. No body below contains a semicolon (see 20261126045302_post_search).

CREATE FUNCTION "post_search_refresh_many"(targets TEXT[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO "post_search" ("post_id", "status", "published_at", "document")
    SELECT p."id", p."status", p."publishedAt",
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

CREATE FUNCTION "post_search_on_new_posts"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh_many"(ARRAY(SELECT "id" FROM new_rows))\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_new_links"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh_many"(ARRAY(SELECT DISTINCT "postId" FROM new_rows))\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_old_links"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh_many"(ARRAY(SELECT DISTINCT "postId" FROM old_rows))\073
    RETURN NULL\073
END
';

CREATE FUNCTION "post_search_on_changed_links"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
    PERFORM "post_search_refresh_many"(ARRAY(SELECT "postId" FROM old_rows UNION SELECT "postId" FROM new_rows))\073
    RETURN NULL\073
END
';

DROP TRIGGER "post_search_post_write" ON "Post";
CREATE TRIGGER "post_search_post_insert" AFTER INSERT ON "Post"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "post_search_on_new_posts"();
CREATE TRIGGER "post_search_post_write" AFTER UPDATE OF "title", "tldr", "summary", "commentary", "sourceId", "status", "publishedAt" ON "Post"
    FOR EACH ROW EXECUTE FUNCTION "post_search_on_post"();

DROP TRIGGER "post_search_post_tag_write" ON "PostTag";
CREATE TRIGGER "post_search_post_tag_insert" AFTER INSERT ON "PostTag"
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "post_search_on_new_links"();
CREATE TRIGGER "post_search_post_tag_delete" AFTER DELETE ON "PostTag"
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "post_search_on_old_links"();
CREATE TRIGGER "post_search_post_tag_update" AFTER UPDATE ON "PostTag"
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "post_search_on_changed_links"();

DROP FUNCTION "post_search_on_post_tag"();
