-- Full-text search for readers (/search): one document per post in "post_search_doc", indexed by the FTS5 table
-- "post_search" (external content). Triggers keep both in step with every write to posts, their tags and sources,
-- whichever code path makes it. These tables are not Prisma models; lib/cli/new-migration.ts leaves them out of its
-- drift check. A later migration that redefines "Post", "PostTag", "Tag" or "Source" (SQLite copies the table) drops
-- the triggers on it and must create them again; tests/integration/search-*.test.ts fail when they are missing.

CREATE TABLE "post_search_doc" (
    "id" INTEGER NOT NULL PRIMARY KEY,
    "post_id" TEXT NOT NULL,
    "title" TEXT NOT NULL DEFAULT '',
    "tldr" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "commentary" TEXT NOT NULL DEFAULT '',
    "tags" TEXT NOT NULL DEFAULT '',
    "source" TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX "post_search_doc_post_id_key" ON "post_search_doc"("post_id");

-- Porter stemming over Unicode words, accents folded: "Networking" finds "network", "resumé" finds "resume".
CREATE VIRTUAL TABLE "post_search" USING fts5(
    title, tldr, summary, commentary, tags, source,
    content='post_search_doc', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER "post_search_doc_ai" AFTER INSERT ON "post_search_doc" BEGIN
    INSERT INTO "post_search" (rowid, title, tldr, summary, commentary, tags, source)
    VALUES (new.id, new.title, new.tldr, new.summary, new.commentary, new.tags, new.source);
END;

CREATE TRIGGER "post_search_doc_ad" AFTER DELETE ON "post_search_doc" BEGIN
    INSERT INTO "post_search" ("post_search", rowid, title, tldr, summary, commentary, tags, source)
    VALUES ('delete', old.id, old.title, old.tldr, old.summary, old.commentary, old.tags, old.source);
END;

CREATE TRIGGER "post_search_doc_au" AFTER UPDATE ON "post_search_doc" BEGIN
    INSERT INTO "post_search" ("post_search", rowid, title, tldr, summary, commentary, tags, source)
    VALUES ('delete', old.id, old.title, old.tldr, old.summary, old.commentary, old.tags, old.source);
    INSERT INTO "post_search" (rowid, title, tldr, summary, commentary, tags, source)
    VALUES (new.id, new.title, new.tldr, new.summary, new.commentary, new.tags, new.source);
END;

CREATE TRIGGER "post_search_post_ai" AFTER INSERT ON "Post" BEGIN
    INSERT INTO "post_search_doc" ("post_id", "title", "tldr", "summary", "commentary", "tags", "source")
    VALUES (
        new."id", new."title", new."tldr", new."summary", new."commentary",
        COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = new."id"), ''),
        COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = new."sourceId"), '')
    );
END;

CREATE TRIGGER "post_search_post_au" AFTER UPDATE OF "title", "tldr", "summary", "commentary", "sourceId" ON "Post" BEGIN
    UPDATE "post_search_doc" SET
        "title" = new."title", "tldr" = new."tldr", "summary" = new."summary", "commentary" = new."commentary",
        "source" = COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = new."sourceId"), '')
    WHERE "post_id" = new."id";
END;

CREATE TRIGGER "post_search_post_ad" AFTER DELETE ON "Post" BEGIN
    DELETE FROM "post_search_doc" WHERE "post_id" = old."id";
END;

CREATE TRIGGER "post_search_post_tag_ai" AFTER INSERT ON "PostTag" BEGIN
    UPDATE "post_search_doc" SET "tags" = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = new."postId"), '')
    WHERE "post_id" = new."postId";
END;

CREATE TRIGGER "post_search_post_tag_ad" AFTER DELETE ON "PostTag" BEGIN
    UPDATE "post_search_doc" SET "tags" = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = old."postId"), '')
    WHERE "post_id" = old."postId";
END;

-- Merging tags may move links from one tag to another.
CREATE TRIGGER "post_search_post_tag_au" AFTER UPDATE ON "PostTag" BEGIN
    UPDATE "post_search_doc" SET "tags" = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = "post_search_doc"."post_id"), '')
    WHERE "post_id" IN (old."postId", new."postId");
END;

CREATE TRIGGER "post_search_tag_au" AFTER UPDATE OF "name" ON "Tag" BEGIN
    UPDATE "post_search_doc" SET "tags" = COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = "post_search_doc"."post_id"), '')
    WHERE "post_id" IN (SELECT "postId" FROM "PostTag" WHERE "tagId" = new."id");
END;

CREATE TRIGGER "post_search_source_au" AFTER UPDATE OF "name" ON "Source" BEGIN
    UPDATE "post_search_doc" SET "source" = new."name"
    WHERE "post_id" IN (SELECT "id" FROM "Post" WHERE "sourceId" = new."id");
END;

-- Posts written before this migration.
INSERT INTO "post_search_doc" ("post_id", "title", "tldr", "summary", "commentary", "tags", "source")
SELECT p."id", p."title", p."tldr", p."summary", p."commentary",
    COALESCE((SELECT group_concat(t."name", ' ') FROM "PostTag" pt JOIN "Tag" t ON t."id" = pt."tagId" WHERE pt."postId" = p."id"), ''),
    COALESCE((SELECT s."name" FROM "Source" s WHERE s."id" = p."sourceId"), '')
FROM "Post" p;
