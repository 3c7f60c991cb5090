import type { Metadata } from "next";
import { getSourceForAdmin, listSources } from "@/lib/sources/queries";
import { taxonomyDetailPage } from "../../taxonomy-pages";
import { deleteSourceAction, mergeSourceAction, updateSourceAction } from "../../taxonomy-actions";

export const metadata: Metadata = { title: "Source" };

// GET /admin/sources/<id>: one source's posts, and editing, merging or deleting it (editors and admins).
export default taxonomyDetailPage({
  kind: "source",
  reads: { get: getSourceForAdmin, names: listSources },
  actions: { edit: updateSourceAction, merge: mergeSourceAction, remove: deleteSourceAction },
  ownFacts: (source) => (
    <>
      <dt>Domain</dt>
      <dd>{source.domain ?? "—"}</dd>
    </>
  ),
});
