/* eslint-disable @next/next/no-html-link-for-pages -- reader pages navigate with full page loads on purpose: no client
   router work, prefetch requests or link code for readers; see SiteShell */
import type { SiteSettings } from "@/lib/settings/schema";
import { SearchForm } from "./search-form";

/**
 * The reader pages' frame (SiteShell) with the settings given: the HTTP server's post page renderer
 * (lib/server/post-page.tsx) has them already, and imports nothing that reads the database.
 */
export function SiteFrame({ settings, children }: { settings: SiteSettings; children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <a href="/" className="site-title">
            {settings.title}
          </a>
          <nav aria-label="Site" className="site-nav">
            <a href="/">Latest</a>
            <a href="/tags">Tags</a>
            <a href="/sources">Sources</a>
            <a href="/archive">Archive</a>
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
