import { tokenEndpoint } from "@/lib/indieauth/endpoints";

// POST /indieauth/token: IndieAuth's token endpoint (authorization code + PKCE verifier → access token).
export const POST = tokenEndpoint;
