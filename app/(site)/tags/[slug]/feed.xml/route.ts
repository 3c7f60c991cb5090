import { feedResponse } from "@/lib/feeds/response";

// GET /tags/<slug>/feed.xml: that tag's newest published posts as RSS 2.0.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "tag", slug: (await params).slug }, "rss");
}
