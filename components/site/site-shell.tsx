import { readSiteSettings } from "@/lib/cache/public-reads";
import { SiteFrame } from "./site-frame";

/**
 * The reader pages' frame: skip link, site name, navigation, search and footer. Plain links and a GET form: every part
 * works without JavaScript, and a page view is one request with no client-side routing code behind it.
 */
export async function SiteShell({ children }: { children: React.ReactNode }) {
  return <SiteFrame settings={await readSiteSettings()}>{children}</SiteFrame>;
}
