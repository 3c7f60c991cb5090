import type { Metadata } from "next";
import { BookmarkletLink } from "@/components/capture/bookmarklet-link";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canPublish } from "@/lib/auth/permissions";
import { SELECTION_LIMIT } from "@/lib/capture/schema";
import { getSiteSettings } from "@/lib/settings/queries";

export const metadata: Metadata = { title: "Capture" };

// GET /admin/capture: how to post a link from anywhere: the bookmarklet, the share target, and the form's own address.
export default async function CapturePage() {
  const user = await requireAdminPageUser("/admin/capture");
  const settings = await getSiteSettings();
  const bookmarkletLabel = `Post to ${settings.title}`;
  return (
    <>
      <h1 className="page-heading">Capture</h1>
      <p>
        Post a link from any page in a click: the new-post form opens with the page’s address and title, the text you selected as a quote, and the page’s own
        description and lead paragraphs in the fields you have not filled. It tells you at once when the link was posted before.
        {canPublish(user) ? "" : " Your captures are saved as drafts for an editor to publish."}
      </p>

      <h2 id="bookmarklet">Bookmarklet</h2>
      <p>Drag this button to your browser’s bookmarks bar:</p>
      <p>
        <BookmarkletLink label={bookmarkletLabel} />
      </p>
      <ol>
        <li>On any article, select the sentences you want to quote (optional; up to {SELECTION_LIMIT.toLocaleString("en")} characters).</li>
        <li>Click “{bookmarkletLabel}” in your bookmarks bar. The form opens in a new window (sign in first if asked: nothing is lost).</li>
        <li>Check the prefilled fields, add your TL;DR and tags, and publish.</li>
      </ol>
      <p className="field__hint">
        The quote goes into the Summary as a Markdown blockquote with a link to the article, and the page you came from is kept as “via”. A few sites forbid
        sending forms elsewhere; there, copy the address and paste it into a new post instead.
      </p>

      <h2>Share from your phone or desktop</h2>
      <p>
        Install this admin as an app (in Chrome or Edge: the install icon in the address bar; on Android: “Add to Home screen”). {settings.title} then appears
        in the system’s Share menu, and sharing a page opens the same prefilled form.
      </p>

      <h2>From any tool</h2>
      <p>
        Any script or app can open a prefilled form at <code>/admin/posts/new</code> with the fields <code>url</code>, <code>title</code>,{" "}
        <code>selection</code> and <code>via</code>, as a query (<code>/admin/posts/new?url=https://…</code>) or as a POST form (
        <code>application/x-www-form-urlencoded</code>).
      </p>
    </>
  );
}
