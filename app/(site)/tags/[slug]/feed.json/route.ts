import { feedResponse } from "@/lib/feeds/response";

// GET /tags/<slug>/feed.json: that tag's newest published posts as JSON Feed 1.1.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "tag", slug: (await params).slug }, "json");
}
