import type { Metadata } from "next";
import Link from "next/link";
import { ArchiveSettingForm, ReplaceUrlForm } from "@/components/links/link-forms";
import { DataTable } from "@/components/ui/data-table";
import { RecordButton } from "@/components/webhooks/webhook-forms";
import { canManageSettings } from "@/lib/auth/permissions";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { getLinkOfPost, isArchiveSaveOn, listLinkProblems } from "@/lib/links/queries";
import { LINK_FILTERS, LINK_FILTER_LABELS, LINK_STATE_LABELS, linkFilterSchema } from "@/lib/links/schema";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { archiveSettingAction, checkLinkNowAction, replaceLinkUrlAction } from "./actions";

export const metadata: Metadata = { title: "Links" };

type Props = { searchParams: Promise<{ state?: string; checked?: string; replaced?: string }> };

// GET /admin/links: published posts whose links are dead, moved or failing, filtered by state, each with "Check now"
// and "Replace URL"; for editors and admins (contributors are sent back to the posts list).
export default async function LinksPage({ searchParams }: Props) {
  const user = await requireAdminPageUser("/admin/links", ["ADMIN", "EDITOR"]);
  const params = await searchParams;
  const filter = linkFilterSchema.parse(params.state);
  const noticeOf = params.replaced ?? params.checked;
  const [links, timeZone, archiveSave, noticeLink] = await Promise.all([
    listLinkProblems(filter),
    getSiteTimeZone(),
    isArchiveSaveOn(),
    noticeOf ? getLinkOfPost(noticeOf) : null,
  ]);
  return (
    <>
      <h1 className="page-heading">Links</h1>
      {noticeLink && (
        <div className="notice notice--success" role="status">
          <p>
            {params.replaced
              ? `URL replaced: “${noticeLink.title}” now links to ${noticeLink.url}. It is checked again in the next pass.`
              : `Checked “${noticeLink.title}”: ${LINK_STATE_LABELS[noticeLink.state]} (${noticeLink.statusCode ? `answered ${noticeLink.statusCode}` : (noticeLink.lastError ?? "no answer")}).`}
          </p>
        </div>
      )}
      <p>
        Every published post&apos;s link is checked about once a day. A link is dead after 3 failed checks in a row over at least 3 days, and alive again as
        soon as it answers; one that redirects to another site is shown as moved.
      </p>
      <form method="get" aria-label="Filter links">
        <label htmlFor="links-state">Show</label>{" "}
        <select id="links-state" name="state" defaultValue={filter} className="input">
          {LINK_FILTERS.map((value) => (
            <option key={value} value={value}>
              {LINK_FILTER_LABELS[value]}
            </option>
          ))}
        </select>{" "}
        <button className="button" type="submit">
          Filter
        </button>
      </form>
      {links.length === 0 ? (
        <p className="empty">No {LINK_FILTER_LABELS[filter].toLowerCase()} links.</p>
      ) : (
        <DataTable
          caption={`${LINK_FILTER_LABELS[filter]} links`}
          columns={["Post", "URL", "State", "Last status", "Final URL", "Checked", "Archived copy", ""]}
        >
          {links.map((link) => (
            <tr key={link.post.id}>
              <td>
                <Link href={`/admin/posts/${link.post.id}/edit`}>{link.post.title}</Link>
              </td>
              <td>
                <a href={link.url} rel="noopener noreferrer">
                  {link.url}
                </a>
              </td>
              <td>
                {LINK_STATE_LABELS[link.state]}
                {link.consecutiveFailures > 0 && link.firstFailedAt ? (
                  <small>
                    {" "}
                    ({link.consecutiveFailures} failed checks since {formatDateTime(link.firstFailedAt, timeZone)})
                  </small>
                ) : null}
              </td>
              <td>{link.statusCode ?? link.lastError ?? "None"}</td>
              <td>{link.finalUrl && link.finalUrl !== link.url ? link.finalUrl : ""}</td>
              <td>{link.checkedAt ? <time dateTime={link.checkedAt.toISOString()}>{formatDateTime(link.checkedAt, timeZone)}</time> : "Never"}</td>
              <td>
                {link.archiveUrl ? (
                  <a href={link.archiveUrl} rel="noopener noreferrer">
                    Archived copy<span className="visually-hidden"> of {link.post.title}</span>
                  </a>
                ) : (
                  "None found"
                )}
              </td>
              <td>
                <RecordButton action={checkLinkNowAction} name="postId" value={link.post.id} label="Check now" pendingLabel="Checking…" />
                <ReplaceUrlForm postId={link.post.id} version={link.post.version} title={link.post.title} action={replaceLinkUrlAction} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {canManageSettings(user) && (
        <section aria-labelledby="archive-heading">
          <h2 id="archive-heading">Archive</h2>
          <p>
            When a post is published, the Internet Archive is asked for its closest copy of the link; readers of a dead link are pointed to it. It can also be
            asked to save a copy first.
          </p>
          <ArchiveSettingForm archiveSave={archiveSave} action={archiveSettingAction} />
        </section>
      )}
    </>
  );
}
