import Link from "next/link";
import { site } from "@/lib/site";

/** The reader pages' frame: skip link, site name, navigation and footer. */
export function SiteShell({ children }: { children: React.ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link href="/" className="site-title">
            {site.title}
          </Link>
          <nav aria-label="Site" className="site-nav">
            <Link href="/">Latest</Link>
          </nav>
          <p className="site-tagline">{site.description}</p>
        </div>
      </header>
      <main id="main" className="site-main">
        {children}
      </main>
      <footer className="site-footer">
        <div className="site-footer__inner">
          Published with Linkpress. Every post links to an article elsewhere; follow “Open the original post ↗” to read it.
        </div>
      </footer>
    </>
  );
}
