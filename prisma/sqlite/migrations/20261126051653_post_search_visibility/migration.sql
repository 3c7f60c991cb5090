-- Search, second shape. Ranking a common word read every matching post's large row (to check it is public), so:
-- "post_search" now keeps its own copy of the text (a plain FTS5 table, updated in place by rowid), and
-- "post_search_doc" is a slim map from that rowid to the post with the two columns that decide visibility.
-- Triggers keep both in step with every write to posts, their tags and sources, whichever code path makes it.
-- These tables are not Prisma models: lib/cli/new-migration.ts leaves them out of its drift check. A later migration
-- that redefines "Post", "PostTag", "Tag" or "Source" (SQLite copies the table) drops the triggers on it and must
-- create them again: tests/integration/search-posts.test.ts fails when they are missing.

DROP TRIGGER "post_search_doc_ai";
DROP TRIGGER "post_search_doc_ad";
DROP TRIGGER "post_search_doc_au";
DROP TRIGGER "post_search_post_ai";
DROP TRIGGER "post_search_post_au";
DROP TRIGGER "post_search_post_ad";
DROP TRIGGER "post_search_post_tag_ai";
DROP TRIGGER "post_search_post_tag_ad";
DROP TRIGGER "post_search_post_tag_au";
DROP TRIGGER "post_search_tag_au";
DROP TRIGGER "post_search_source_au";
DROP TABLE "post_search";
DROP TABLE "post_search_doc";

CREATE TABLE "post_search_doc" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "published_at" DATETIME
);
CREATE UNIQUE INDEX "post_search_doc_post_id_key" ON "post_search_doc"("post_id");

-- Porter stemming over Unicode words, accents folded: "Networking" finds "network", "resumé" finds "resume".
CREATE VIRTUAL TABLE "post_search" USING fts5(
    title, tldr, summary, commentary, tags, source,
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "post_search_post_ai" AFTER INSERT ON "Post" BEGIN
    INSERT INTO "post_search_doc" ("post_id", "status", "published_at") VALUES (new."id", new."status", new."publishedAt");
    INSERT INTO "post_search" (rowid, title, tldr, summary, commentary, tags, source)
    VALUES (
        (SELECT "id" FROM "post_search_doc" WHERE "post_id" = new."id"),
        new."title", new."tldr", new."summary", new."commentary",
        COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = new."id"), ''),
        COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = new."sourceId"), '')
    );
END;

CREATE TRIGGER "post_search_post_text" AFTER UPDATE OF "title", "tldr", "summary", "commentary", "sourceId" ON "Post" BEGIN
    UPDATE "post_search" SET
        title = new."title", tldr = new."tldr", summary = new."summary", commentary = new."commentary",
        source = COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = new."sourceId"), '')
    WHERE rowid = (SELECT "id" FROM "post_search_doc" WHERE "post_id" = new."id");
END;

CREATE TRIGGER "post_search_post_visibility" AFTER UPDATE OF "status", "publishedAt" ON "Post" BEGIN
    UPDATE "post_search_doc" SET "status" = new."status", "published_at" = new."publishedAt" WHERE "post_id" = new."id";
END;

CREATE TRIGGER "post_search_post_ad" AFTER DELETE ON "Post" BEGIN
    DELETE FROM "post_search" WHERE rowid = (SELECT "id" FROM "post_search_doc" WHERE "post_id" = old."id");
    DELETE FROM "post_search_doc" WHERE "post_id" = old."id";
END;

CREATE TRIGGER "post_search_post_tag_ai" AFTER INSERT ON "PostTag" BEGIN
    UPDATE "post_search" SET tags = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = new."postId"), '')
    WHERE rowid = (SELECT "id" FROM "post_search_doc" WHERE "post_id" = new."postId");
END;

CREATE TRIGGER "post_search_post_tag_ad" AFTER DELETE ON "PostTag" BEGIN
    UPDATE "post_search" SET tags = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = old."postId"), '')
    WHERE rowid = (SELECT "id" FROM "post_search_doc" WHERE "post_id" = old."postId");
END;

-- Merging tags may move links from one tag to another.
CREATE TRIGGER "post_search_post_tag_au" AFTER UPDATE ON "PostTag" BEGIN
    UPDATE "post_search" SET tags = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = (SELECT "post_id" FROM "post_search_doc" WHERE "id" = "post_search".rowid)), '')
    WHERE rowid IN (SELECT "id" FROM "post_search_doc" WHERE "post_id" IN (old."postId", new."postId"));
END;

CREATE TRIGGER "post_search_tag_au" AFTER UPDATE OF "name" ON "Tag" BEGIN
    UPDATE "post_search" SET tags = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = (SELECT "post_id" FROM "post_search_doc" WHERE "id" = "post_search".rowid)), '')
    WHERE rowid IN (SELECT d."id" FROM "post_search_doc" d JOIN "PostTag" pt ON pt."postId" = d."post_id" WHERE pt."tagId" = new."id");
END;

CREATE TRIGGER "post_search_source_au" AFTER UPDATE OF "name" ON "Source" BEGIN
    UPDATE "post_search" SET source = new."name"
    WHERE rowid IN (SELECT d."id" FROM "post_search_doc" d JOIN "Post" p ON p."id" = d."post_id" WHERE p."sourceId" = new."id");
END;

-- Posts written before this migration.
INSERT INTO "post_search_doc" ("post_id", "status", "published_at") SELECT "id", "status", "publishedAt" FROM "Post";
INSERT INTO "post_search" (rowid, title, tldr, summary, commentary, tags, source)
SELECT d."id", p."title", p."tldr", p."summary", p."commentary",
    COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id"), ''),
    COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = p."sourceId"), '')
FROM "post_search_doc" d JOIN "Post" p ON p."id" = d."post_id";
