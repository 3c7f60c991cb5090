-- Keep each post's search document inside the table row (compressed) rather than in TOAST storage. The planner then
-- sees the table's real size and uses the GIN index for selective searches, and reading a document for ranking
-- needs no TOAST lookup.
ALTER TABLE "post_search" ALTER COLUMN "document" SET STORAGE MAIN;
UPDATE "post_search" SET "document" = "document" || ''::tsvector;
