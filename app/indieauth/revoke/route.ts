import { revocationEndpoint } from "@/lib/indieauth/endpoints";

// POST /indieauth/revoke: IndieAuth's token revocation endpoint (RFC 7009).
export const POST = revocationEndpoint;
