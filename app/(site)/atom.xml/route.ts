import { feedResponse } from "@/lib/feeds/response";

// GET /atom.xml: the site's newest published posts as Atom 1.0.
export function GET(request: Request) {
  return feedResponse(request, { kind: "site" }, "atom");
}
