"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** `exact`: the section is only its own page (the dashboard at /admin is not current on every admin page). */
type Item = { href: string; label: string; exact?: boolean };

/** The admin sections this person may open, with the current one marked for screen readers. */
export function AdminNavLinks({ items }: { items: Item[] }) {
  const pathname = usePathname();
  // The most specific section containing this page is the current one (/admin/posts/new is "New post", not "Posts").
  const currentHref = items
    .filter((item) => pathname === item.href || (!item.exact && pathname.startsWith(`${item.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <ul>
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} aria-current={item.href === currentHref ? "page" : undefined}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
