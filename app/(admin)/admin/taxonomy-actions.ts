"use server";

import { deleteSource, mergeSource, updateSource } from "@/lib/sources/mutations";
import { sourceDeleteSchema, sourceMergeSchema, sourceUpdateSchema } from "@/lib/sources/schema";
import { deleteTag, mergeTag, renameTag } from "@/lib/tags/mutations";
import { tagDeleteSchema, tagMergeSchema, tagRenameSchema } from "@/lib/tags/schema";
import { taxonomyActions } from "@/lib/taxonomy/actions";

// The forms of /admin/tags/<id> and /admin/sources/<id>: save the edit, merge into another (then open the one kept),
// delete (then back to the list), for editors and admins.

const tags = taxonomyActions({
  kind: "tag",
  schemas: { edit: tagRenameSchema, merge: tagMergeSchema, remove: tagDeleteSchema },
  mutations: { edit: renameTag, merge: mergeTag, remove: deleteTag },
});

const sources = taxonomyActions({
  kind: "source",
  schemas: { edit: sourceUpdateSchema, merge: sourceMergeSchema, remove: sourceDeleteSchema },
  mutations: { edit: updateSource, merge: mergeSource, remove: deleteSource },
});

export const renameTagAction = tags.edit;
export const mergeTagAction = tags.merge;
export const deleteTagAction = tags.remove;

export const updateSourceAction = sources.edit;
export const mergeSourceAction = sources.merge;
export const deleteSourceAction = sources.remove;
