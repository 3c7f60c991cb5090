import type { Metadata } from "next";
import { NoticeList } from "@/components/admin/notice-list";
import { requireAdminPageUser } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listNotices, type NoticeKind } from "@/lib/notices/notices";
import { getSiteTimeZone } from "@/lib/settings/queries";
import { markNoticesReadAction } from "./actions";

export const metadata: Metadata = { title: "Notices" };

const WORDS: Record<NoticeKind, (by: string, title: string) => string> = {
  PUBLISHED: (by, title) => `${by} published your post “${title}”.`,
  SCHEDULED: (by, title) => `${by} scheduled your post “${title}”.`,
  RETURNED: (by, title) => `${by} returned your post “${title}” to you with a note.`,
  WEBHOOK_DISABLED: (by, url) => `${by} disabled the webhook to ${url}: its deliveries failed for 3 days.`,
};

// GET /admin/notices: what editors did with this person's posts (published, scheduled, returned), unread first.
export default async function NoticesPage() {
  const user = await requireAdminPageUser("/admin/notices");
  const [notices, timeZone] = await Promise.all([listNotices(user), getSiteTimeZone()]);
  const rows = notices.map((notice) => ({
    id: notice.id,
    text: (WORDS[notice.kind as NoticeKind] ?? WORDS.PUBLISHED)(notice.actorLabel, notice.postTitle),
    href: notice.postId ? `/admin/posts/${notice.postId}/edit` : notice.kind === "WEBHOOK_DISABLED" ? "/admin/webhooks" : null,
    when: notice.createdAt.toISOString(),
    whenText: formatDateTime(notice.createdAt, timeZone),
    unread: notice.readAt === null,
  }));
  return (
    <>
      <h1 className="page-heading">Notices</h1>
      {rows.length === 0 ? (
        <p className="empty">No notices. When an editor publishes or returns one of your posts, you will read it here.</p>
      ) : (
        <NoticeList rows={rows} action={markNoticesReadAction} />
      )}
    </>
  );
}
