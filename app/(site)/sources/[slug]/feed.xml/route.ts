import { feedResponse } from "@/lib/feeds/response";

// GET /sources/<slug>/feed.xml: that source's newest published posts as RSS 2.0.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "source", slug: (await params).slug }, "rss");
}
