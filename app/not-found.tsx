import Link from "next/link";
import { SiteShell } from "@/components/site/site-shell";

export default function NotFound() {
  return (
    <SiteShell>
      <h1 className="page-heading">This page is not here</h1>
      <p>The post may have been unpublished or moved, or the address may be mistyped.</p>
      <p>
        <Link href="/">See the latest links</Link>
      </p>
    </SiteShell>
  );
}
