import Link from "next/link";
import { notFound } from "next/navigation";
import type { Metadata } from "next";
import { RevisionComparison } from "@/components/posts/revision-comparison";
import { DataTable } from "@/components/ui/data-table";
import { requireAdminPageUser } from "@/lib/auth/session";
import { canEditPost } from "@/lib/auth/permissions";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { formatDateTime } from "@/lib/format";
import { compareRevisions } from "@/lib/posts/revision-diff";
import { getPostHistory, getPostRevisions } from "@/lib/posts/revisions";
import { PostStatusBadge } from "@/components/posts/post-status-badge";

export const metadata: Metadata = { title: "Post history" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ from?: string | string[]; to?: string | string[] }> };

const HOW_LABELS: Record<string, string> = { form: "edit form", api: "API", micropub: "Micropub", import: "import", restore: "restore", bulk: "bulk action" };

// GET /admin/posts/<id>/history: the post's revisions, and two of them compared (?from=&to=, by default the last two).
export default async function PostHistoryPage({ params, searchParams }: Props) {
  const { id } = await params;
  const user = await requireAdminPageUser(`/admin/posts/${id}/history`);
  const timeZone = await getSiteTimeZone();
  const history = await getPostHistory(user, id);
  // A history this person may not see answers as if the post did not exist.
  if (!history) notFound();
  const { post, revisions } = history;
  const query = await searchParams;
  const known = (value: string | string[] | undefined) =>
    typeof value === "string" && revisions.some((revision) => revision.id === value) ? value : undefined;
  const toId = known(query.to) ?? revisions[0]?.id;
  const fromId = known(query.from) ?? revisions[1]?.id;
  const pair = fromId && toId ? await getPostRevisions(user, post.id, [fromId, toId]) : [];
  const [from, to] = [pair.find((revision) => revision.id === fromId), pair.find((revision) => revision.id === toId)];
  const mayRestore = canEditPost(user, post);

  return (
    <>
      <h1 className="page-heading">
        History: {post.title}
        <small>
          version {post.version} · <Link href={`/admin/posts/${post.id}/edit`}>Back to the post</Link>
        </small>
      </h1>
      {revisions.length === 0 ? (
        <p className="empty">No revisions are recorded for this post yet; the next save records one.</p>
      ) : (
        <form method="get" action={`/admin/posts/${post.id}/history`}>
          <DataTable caption="Revisions, newest first" columns={["From", "To", "Version", "Saved", "By", "How", "Status", ""]}>
            {revisions.map((revision) => (
              <tr key={revision.id}>
                <td>
                  <input
                    type="radio"
                    name="from"
                    value={revision.id}
                    defaultChecked={revision.id === fromId}
                    aria-label={`Compare from version ${revision.version}`}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    value={revision.id}
                    defaultChecked={revision.id === toId}
                    aria-label={`Compare to version ${revision.version}`}
                  />
                </td>
                <td>{revision.version}</td>
                <td>{formatDateTime(revision.createdAt, timeZone)}</td>
                <td>{revision.who ?? "no account (command line)"}</td>
                <td>{HOW_LABELS[revision.how] ?? revision.how}</td>
                <td>
                  <PostStatusBadge status={revision.status} />
                </td>
                <td>
                  {mayRestore && revision.version !== post.version && (
                    <Link href={`/admin/posts/${post.id}/edit?restore=${revision.id}`}>
                      Restore this version<span className="visually-hidden"> ({revision.version})</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          {revisions.length > 1 && (
            <p>
              <button type="submit" className="button">
                Compare
              </button>
            </p>
          )}
        </form>
      )}
      {from && to && (
        <section aria-labelledby="comparison-heading">
          <h2 id="comparison-heading">
            Version {from.version} ({formatDateTime(from.createdAt, timeZone)}) → version {to.version} ({formatDateTime(to.createdAt, timeZone)})
          </h2>
          <RevisionComparison fields={compareRevisions(from, to, timeZone)} />
        </section>
      )}
    </>
  );
}
