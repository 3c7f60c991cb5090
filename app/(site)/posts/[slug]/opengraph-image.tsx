import { ImageResponse } from "next/og";
import { cachedPublicRead } from "@/lib/cache/public-content";
import { cacheKey } from "@/lib/http/cache-policy";
import { readPublishedPost, readSiteSettings } from "@/lib/cache/public-reads";
import { shareImageText } from "@/lib/seo/share-image-text";

export const size = { width: 1200, height: 630 };
export const contentType = "image/png";
export const alt = "The post's title with its source and tags";

type Props = { params: Promise<{ slug: string }> };

// GET /posts/<slug>/opengraph-image: the post's 1200×630 share card (title, source, tags), drawn with the font
// bundled in next/og only, rendered once per change of public content.
export default async function PostShareImage({ params }: Props) {
  const { slug } = await params;
  const png = await cachedPublicRead(
    `share-image:${slug}`,
    [cacheKey.post(slug)],
    async () => {
      const [settings, post] = await Promise.all([readSiteSettings(), readPublishedPost(slug)]);
      if (!post) return null;
      const title = shareImageText(post.title, 140) || shareImageText(settings.title, 80);
      const source = post.source ? shareImageText(post.source.name, 60) : "";
      const tags = post.tags
        .map((tag) => shareImageText(tag.name, 30))
        .filter(Boolean)
        .slice(0, 5);
      const image = new ImageResponse(
        <div
          style={{
            width: "100%",
            height: "100%",
            display: "flex",
            flexDirection: "column",
            justifyContent: "space-between",
            padding: 72,
            background: "#fbfaf7",
            color: "#1c1d1f",
            borderTop: "16px solid #0b5cad",
          }}
        >
          <div style={{ display: "flex", fontSize: 34, color: "#5a5f66" }}>{shareImageText(settings.title, 60)}</div>
          <div style={{ display: "flex", fontSize: title.length > 80 ? 56 : 68, lineHeight: 1.15, letterSpacing: -1 }}>{title}</div>
          <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", gap: 16, fontSize: 30 }}>
            {source && <div style={{ display: "flex", color: "#0b5cad" }}>{source}</div>}
            {tags.map((tag) => (
              <div key={tag} style={{ display: "flex", padding: "4px 18px", borderRadius: 999, background: "#e6effa", color: "#0b5cad" }}>
                #{tag}
              </div>
            ))}
          </div>
        </div>,
        size,
      );
      return new Uint8Array(await image.arrayBuffer());
    },
    (bytes) => bytes !== null,
  );
  if (!png) return new Response("Not found.", { status: 404 });
  return new Response(png, { headers: { "Content-Type": contentType, "Cache-Control": "public, max-age=300" } });
}
