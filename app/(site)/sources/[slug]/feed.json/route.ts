import { feedResponse } from "@/lib/feeds/response";

// GET /sources/<slug>/feed.json: that source's newest published posts as JSON Feed 1.1.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "source", slug: (await params).slug }, "json");
}
