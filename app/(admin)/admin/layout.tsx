import type { Metadata } from "next";
import Link from "next/link";
import { AdminNavLinks } from "@/components/admin/admin-nav";
import { canManageJobs, canManageLinks, canManageSettings, canManageTaxonomy, canManageUsers, canManageWebhooks, canReviewPosts } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { countUnreadNotices } from "@/lib/notices/notices";
import { countPostsInReview } from "@/lib/posts/review";
import { getSiteSettings } from "@/lib/settings/queries";
import { signOutAction } from "./sign-out-action";

export async function generateMetadata(): Promise<Metadata> {
  const { title } = await getSiteSettings();
  return { title: { default: "Admin", template: `%s · Admin · ${title}` }, robots: { index: false } };
}

const ROLE_LABELS = { ADMIN: "Admin", EDITOR: "Editor", CONTRIBUTOR: "Contributor" } as const;

// The admin frame. Each page checks the session and role itself; signed out, the page redirects to sign-in.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return <>{children}</>;
  const [settings, inReview, unreadNotices] = await Promise.all([getSiteSettings(), countPostsInReview(user), countUnreadNotices(user)]);
  // "Review (2)": the count is part of the link's name, so screen readers hear it too.
  const counted = (label: string, count: number) => (count > 0 ? `${label} (${count})` : label);
  const items = [
    { href: "/admin", label: "Dashboard", exact: true },
    { href: "/admin/posts", label: "Posts" },
    { href: "/admin/posts/new", label: "New post" },
    ...(canReviewPosts(user) ? [{ href: "/admin/review", label: counted("Review", inReview) }] : []),
    { href: "/admin/notices", label: counted("Notices", unreadNotices) },
    { href: "/admin/capture", label: "Capture" },
    { href: "/admin/trash", label: "Trash" },
    ...(canManageTaxonomy(user)
      ? [
          { href: "/admin/tags", label: "Tags" },
          { href: "/admin/sources", label: "Sources" },
          { href: "/admin/import", label: "Import" },
          { href: "/admin/export", label: "Export" },
        ]
      : []),
    ...(canManageUsers(user)
      ? [
          { href: "/admin/users", label: "Users" },
          { href: "/admin/audit", label: "Audit log" },
        ]
      : []),
    ...(canManageLinks(user) ? [{ href: "/admin/links", label: "Links" }] : []),
    ...(canManageJobs(user) ? [{ href: "/admin/jobs", label: "Jobs" }] : []),
    ...(canManageWebhooks(user) ? [{ href: "/admin/webhooks", label: "Webhooks" }] : []),
    ...(canManageSettings(user) ? [{ href: "/admin/settings", label: "Settings" }] : []),
    { href: "/admin/account", label: "Your account" },
  ];
  return (
    <div className="admin">
      {/* The first Tab stop on every admin page: past the section links straight to the page's own content. */}
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="admin-nav" aria-label="Admin">
        <Link href="/" className="site-title">
          {settings.title}
        </Link>
        <AdminNavLinks items={items} />
        <div className="admin-nav__user">
          <p>
            Signed in as <strong>{user.name}</strong> ({ROLE_LABELS[user.role]})
          </p>
          {/* A form posting to a Server Action: it works from the first paint, before (or without) the page's script. */}
          <form action={signOutAction}>
            <button type="submit" className="button">
              Sign out
            </button>
          </form>
        </div>
      </nav>
      {/* tabIndex -1: following the skip link moves focus here, so the next Tab continues inside the page. */}
      <main className="admin-main" id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
