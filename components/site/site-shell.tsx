import Link from "next/link";
import { readSiteSettings } from "@/lib/cache/public-reads";
import { SearchForm } from "./search-form";

/**
 * The reader pages' frame: skip link, site name, navigation, search and footer. Links without prefetching and a GET
 * form, so every part works without JavaScript and a page view costs one request.
 */
export async function SiteShell({ children }: { children: React.ReactNode }) {
  const settings = await readSiteSettings();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link prefetch={false} href="/" className="site-title">
            {settings.title}
          </Link>
          <nav aria-label="Site" className="site-nav">
            <Link prefetch={false} href="/">
              Latest
            </Link>
            <Link prefetch={false} href="/tags">
              Tags
            </Link>
            <Link prefetch={false} href="/sources">
              Sources
            </Link>
            <Link prefetch={false} href="/archive">
              Archive
            </Link>
          </nav>
          {settings.description && <p className="site-tagline">{settings.description}</p>}
          <SearchForm id="site-search" label="Site search" />
        </div>
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          <p>Every post links to an article elsewhere; follow “Open the original post ↗” to read it.</p>
          <p>
            Follow {settings.title} in a feed reader: <a href="/feed.xml">RSS</a>, <a href="/atom.xml">Atom</a> or <a href="/feed.json">JSON Feed</a>. Published
            with Linkpress.
          </p>
        </div>
      </footer>
    </>
  );
}
