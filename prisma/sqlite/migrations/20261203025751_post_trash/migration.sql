-- A source's rename reaches the search table through "Post": its trigger must not exist while "Post" is replaced.
DROP TRIGGER "post_search_source_au";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Post" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "externalUrl" TEXT NOT NULL,
    "viaUrl" TEXT,
    "canonicalUrl" TEXT,
    "sourceId" TEXT,
    "tldr" TEXT NOT NULL DEFAULT '',
    "summary" TEXT NOT NULL DEFAULT '',
    "commentary" TEXT NOT NULL DEFAULT '',
    "kind" TEXT NOT NULL DEFAULT 'link',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "publishedAt" DATETIME,
    "dateText" TEXT,
    "extraFields" TEXT,
    "authorId" TEXT,
    "updatedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" DATETIME,
    "deletedById" TEXT,
    CONSTRAINT "Post_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Post_deletedById_fkey" FOREIGN KEY ("deletedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Post" ("authorId", "canonicalUrl", "commentary", "createdAt", "dateText", "externalUrl", "extraFields", "id", "kind", "publishedAt", "slug", "sourceId", "status", "summary", "title", "tldr", "updatedAt", "updatedById", "version", "viaUrl") SELECT "authorId", "canonicalUrl", "commentary", "createdAt", "dateText", "externalUrl", "extraFields", "id", "kind", "publishedAt", "slug", "sourceId", "status", "summary", "title", "tldr", "updatedAt", "updatedById", "version", "viaUrl" FROM "Post";
DROP TABLE "Post";
ALTER TABLE "new_Post" RENAME TO "Post";
CREATE UNIQUE INDEX "Post_slug_key" ON "Post"("slug");
CREATE UNIQUE INDEX "Post_canonicalUrl_key" ON "Post"("canonicalUrl");
CREATE INDEX "Post_status_publishedAt_idx" ON "Post"("status", "publishedAt");
CREATE INDEX "Post_deletedAt_idx" ON "Post"("deletedAt");
CREATE INDEX "Post_sourceId_status_publishedAt_idx" ON "Post"("sourceId", "status", "publishedAt");
CREATE INDEX "Post_authorId_idx" ON "Post"("authorId");
CREATE INDEX "Post_updatedAt_idx" ON "Post"("updatedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- The search triggers on "Post" went with the old table (see 20261126051653_post_search_visibility); they are created
-- again. The search table's "status" is now the post's status, or 'TRASHED' while the post is in the trash, so the
-- ranking (which keeps only public statuses) never finds a trashed post and finds it again once restored.
CREATE TRIGGER "post_search_post_ai" AFTER INSERT ON "Post" BEGIN
    INSERT INTO "post_search_doc" ("post_id", "status", "published_at")
    VALUES (new."id", CASE WHEN new."deletedAt" IS NULL THEN new."status" ELSE 'TRASHED' END, new."publishedAt");
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

CREATE TRIGGER "post_search_post_visibility" AFTER UPDATE OF "status", "publishedAt", "deletedAt" ON "Post" BEGIN
    UPDATE "post_search_doc" SET "status" = CASE WHEN new."deletedAt" IS NULL THEN new."status" ELSE 'TRASHED' END, "published_at" = new."publishedAt"
    WHERE "post_id" = new."id";
END;

CREATE TRIGGER "post_search_post_ad" AFTER DELETE ON "Post" BEGIN
    DELETE FROM "post_search" WHERE rowid = (SELECT "id" FROM "post_search_doc" WHERE "post_id" = old."id");
    DELETE FROM "post_search_doc" WHERE "post_id" = old."id";
END;

CREATE TRIGGER "post_search_source_au" AFTER UPDATE OF "name" ON "Source" BEGIN
    UPDATE "post_search" SET source = new."name"
    WHERE rowid IN (SELECT d."id" FROM "post_search_doc" d JOIN "Post" p ON p."id" = d."post_id" WHERE p."sourceId" = new."id");
END;
