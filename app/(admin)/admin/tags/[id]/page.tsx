import type { Metadata } from "next";
import { getTagForAdmin, listTags } from "@/lib/tags/queries";
import { taxonomyDetailPage } from "../../taxonomy-pages";
import { deleteTagAction, mergeTagAction, renameTagAction } from "../../taxonomy-actions";

export const metadata: Metadata = { title: "Tag" };

// GET /admin/tags/<id>: one tag's posts, and renaming, merging or deleting it (editors and admins).
export default taxonomyDetailPage({
  kind: "tag",
  reads: { get: getTagForAdmin, names: listTags },
  actions: { edit: renameTagAction, merge: mergeTagAction, remove: deleteTagAction },
});
