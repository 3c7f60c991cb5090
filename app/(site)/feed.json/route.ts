import { feedResponse } from "@/lib/feeds/response";

// GET /feed.json: the site's newest published posts as JSON Feed 1.1.
export function GET(request: Request) {
  return feedResponse(request, { kind: "site" }, "json");
}
