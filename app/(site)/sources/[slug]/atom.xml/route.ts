import { feedResponse } from "@/lib/feeds/response";

// GET /sources/<slug>/atom.xml: that source's newest published posts as Atom 1.0.
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse(request, { kind: "source", slug: (await params).slug }, "atom");
}
