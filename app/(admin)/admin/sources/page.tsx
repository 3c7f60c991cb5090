import type { Metadata } from "next";
import { listSourcesForAdmin } from "@/lib/sources/queries";
import { taxonomyListPage } from "../taxonomy-pages";

export const metadata: Metadata = { title: "Sources" };

// GET /admin/sources: every source with its homepage, domain and post counts, searched by name or domain (editors and admins).
export default taxonomyListPage({
  kind: "source",
  list: listSourcesForAdmin,
  ownColumns: {
    headings: ["Homepage", "Domain"],
    cells: (source) => (
      <>
        <td>
          {source.homepage && /^https?:\/\//i.test(source.homepage) ? (
            <a href={source.homepage} rel="noopener noreferrer nofollow">
              {source.homepage}
            </a>
          ) : (
            "—"
          )}
        </td>
        <td>{source.domain ?? "—"}</td>
      </>
    ),
  },
});
