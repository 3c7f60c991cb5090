import type { Metadata } from "next";
import Link from "next/link";
import { AdminNavLinks } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/admin/sign-out-button";
import { canManageSettings, canManageTaxonomy, canManageUsers } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { getSiteSettings } from "@/lib/settings/queries";

export async function generateMetadata(): Promise<Metadata> {
  const { title } = await getSiteSettings();
  return { title: { default: "Admin", template: `%s · Admin · ${title}` }, robots: { index: false } };
}

const ROLE_LABELS = { ADMIN: "Admin", EDITOR: "Editor", CONTRIBUTOR: "Contributor" } as const;

// The admin frame. Each page checks the session and role itself; signed out, the page redirects to sign-in.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  if (!user) return <>{children}</>;
  const settings = await getSiteSettings();
  const items = [
    { href: "/admin/posts", label: "Posts" },
    { href: "/admin/posts/new", label: "New post" },
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
    ...(canManageSettings(user) ? [{ href: "/admin/settings", label: "Settings" }] : []),
    { href: "/admin/account", label: "Your account" },
  ];
  return (
    <div className="admin">
      <nav className="admin-nav" aria-label="Admin">
        <Link href="/" className="site-title">
          {settings.title}
        </Link>
        <AdminNavLinks items={items} />
        <div className="admin-nav__user">
          <p>
            Signed in as <strong>{user.name}</strong> ({ROLE_LABELS[user.role]})
          </p>
          <SignOutButton />
        </div>
      </nav>
      <main className="admin-main" id="main">
        {children}
      </main>
    </div>
  );
}
