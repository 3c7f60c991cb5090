import type { Metadata } from "next";
import { requireAdminPageUser } from "@/lib/auth/session";
import { listSources } from "@/lib/sources/queries";
import { listTags } from "@/lib/tags/queries";

export const metadata: Metadata = { title: "Export" };

// GET /admin/export: choose what to export; the form downloads the file from /admin/export/download. Editors and admins.
export default async function ExportPage() {
  await requireAdminPageUser("/admin/export", ["ADMIN", "EDITOR"]);
  const [tags, sources] = await Promise.all([listTags(), listSources()]);
  return (
    <>
      <h1 className="page-heading">Export</h1>
      <p>
        Download your posts in the Markdown link-post format (one <code>.md</code> file per post, in a zip, which the import screen and{" "}
        <code>npm run import</code> read back), as a browser bookmark file, or all content as JSON.
      </p>
      <form action="/admin/export/download" method="get">
        <fieldset className="field">
          <legend className="field__label">Format</legend>
          <label>
            <input type="radio" name="format" value="markdown" defaultChecked /> Markdown files (.zip)
          </label>
          <label>
            <input type="radio" name="format" value="bookmarks" /> Bookmarks (.html, for browsers, Pinboard, linkding)
          </label>
          <label>
            <input type="radio" name="format" value="json" /> All content as JSON (posts, tags, sources, settings; never passwords or tokens)
          </label>
        </fieldset>
        <div className="admin-toolbar">
          <div className="field">
            <label htmlFor="export-status">Status</label>
            <select className="input" id="export-status" name="status" defaultValue="all">
              <option value="all">All posts</option>
              <option value="published">Published</option>
              <option value="scheduled">Scheduled</option>
              <option value="draft">Drafts</option>
              <option value="in_review">In review</option>
            </select>
          </div>
          {[
            { id: "export-tag", name: "tag", label: "Tag", any: "Any tag", options: tags },
            { id: "export-source", name: "source", label: "Source", any: "Any source", options: sources },
          ].map((filter) => (
            <div className="field" key={filter.id}>
              <label htmlFor={filter.id}>{filter.label}</label>
              <select className="input" id={filter.id} name={filter.name} defaultValue="">
                <option value="">{filter.any}</option>
                {filter.options.map((option) => (
                  <option key={option.slug} value={option.slug}>
                    {option.name}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        <p className="field__hint">The filters apply to the Markdown and bookmark exports; the JSON export always holds everything.</p>
        <button className="button button--primary" type="submit">
          Download export
        </button>
      </form>
    </>
  );
}
