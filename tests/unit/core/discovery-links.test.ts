// The home page names the site's endpoints for IndieWeb clients in a Link header (next.config.js) and in <link>
// elements (app/(site)/page.tsx), both from lib/http/discovery-links.json.
import { createRequire } from "node:module";
import type { NextConfig } from "next";
import { expect, it } from "vitest";
import DISCOVERY_LINKS from "@/lib/http/discovery-links.json";

const nextConfig = createRequire(import.meta.url)("../../../next.config.js") as NextConfig;

it("sends the Micropub and IndieAuth endpoints in the home page's Link header, and only there", async () => {
  expect(DISCOVERY_LINKS).toContainEqual({ rel: "micropub", href: "/micropub" });
  expect(DISCOVERY_LINKS).toContainEqual({ rel: "token_endpoint", href: "/indieauth/token" });
  const rules = await nextConfig.headers!();
  const links = rules.flatMap((rule) => rule.headers.filter((header) => header.key === "Link").map((header) => ({ source: rule.source, value: header.value })));
  expect(links).toEqual([
    {
      source: "/",
      value:
        '</.well-known/oauth-authorization-server>; rel="indieauth-metadata", </indieauth/authorize>; rel="authorization_endpoint", </indieauth/token>; rel="token_endpoint", </micropub>; rel="micropub"',
    },
  ]);
});
