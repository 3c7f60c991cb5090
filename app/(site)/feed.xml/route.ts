import { feedResponse } from "@/lib/feeds/response";

// GET /feed.xml: the site's newest published posts as RSS 2.0.
export function GET(request: Request) {
  return feedResponse(request, { kind: "site" }, "rss");
}
