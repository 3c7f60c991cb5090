import { indieAuthMetadata } from "@/lib/indieauth/schema";
import { getSiteSettings } from "@/lib/settings/queries";

// GET /.well-known/oauth-authorization-server: IndieAuth's server metadata, which the home page links to.
export async function GET() {
  const { url } = await getSiteSettings();
  return Response.json(indieAuthMetadata(url), { headers: { "access-control-allow-origin": "*" } });
}
