import { feedResponse } from "@/lib/feeds/response";

// GET /tags/<slug>/atom.xml: that tag's newest published posts as Atom 1.0.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "tag", slug: (await params).slug }, "atom");
}
