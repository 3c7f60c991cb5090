import { feedPath } from "@/lib/feeds/channel";
import type { FeedScope } from "@/lib/feeds/queries";

/** Visible links to a tag's or source's feeds, in every format. */
export function FeedLinks({ scope, label }: { scope: FeedScope; label: string }) {
  return (
    <p className="feed-links">
      Follow {label} in a feed reader: <a href={feedPath(scope, "rss")}>RSS</a>, <a href={feedPath(scope, "atom")}>Atom</a> or{" "}
      <a href={feedPath(scope, "json")}>JSON Feed</a>.
    </p>
  );
}
