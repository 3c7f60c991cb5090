import { profileEndpoint } from "@/lib/indieauth/endpoints";
import { INDIEAUTH_PATHS } from "@/lib/indieauth/schema";

// GET /indieauth/authorize: IndieAuth's authorization endpoint. The browser goes on, with the request, to the consent
// page in the admin (sign-in first if needed), which checks the request in full before it shows anything.
export function GET(request: Request) {
  const { search } = new URL(request.url);
  return new Response(null, { status: 303, headers: { location: `${INDIEAUTH_PATHS.consent}${search}`, "cache-control": "no-store" } });
}

// POST /indieauth/authorize: a code redeemed for the person's identity alone.
export const POST = profileEndpoint;
