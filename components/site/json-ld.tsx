import { serializeJsonLd } from "@/lib/seo/json-ld";

/** Structured data for search engines. A data block, never executed, so it needs no script nonce. */
export function JsonLd({ data }: { data: unknown }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
