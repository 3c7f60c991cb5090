// What only Next's build knows about a post page: its stylesheets, the icon's versioned address and the share-image
// route with its size and type. The post page's own renderer (lib/server/post-page.tsx) reads them from a post page
// Next rendered, with the headers Next and proxy.ts send, so its documents match Next's.

export type BuildAssets = {
  stylesheets: string[];
  icons: Array<Record<string, string> & { href: string }>;
  /** The share image: its address after the post's (`opengraph-image-…?…`) and the facts Next states about it. */
  shareImage: { suffix: string; type: string; width: string; height: string; alt: string };
};

const TAG = /<(link|meta)\b([^>]*?)\/?>/g;
const ATTRIBUTE = /([^\s=]+)="([^"]*)"/g;
const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#x27;": "'", "&#39;": "'" };

function attributesOf(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const [, name, value] of text.matchAll(ATTRIBUTE)) attributes[name] = value.replace(/&(amp|lt|gt|quot|#x27|#39);/g, (entity) => ENTITIES[entity]);
  return attributes;
}

/**
 * The build's assets named in the head of `html`, a post page as Next renders it; null when the page does not name
 * them all as expected (then Next keeps rendering post pages).
 */
export function readBuildAssets(html: string): BuildAssets | null {
  const head = html.slice(0, html.indexOf("</head>"));
  const tags = [...head.matchAll(TAG)].map(([, tag, text]) => ({ tag, attributes: attributesOf(text) }));
  const links = (rel: string) => tags.filter((entry) => entry.tag === "link" && entry.attributes.rel === rel).map((entry) => entry.attributes);
  const property = (name: string) => tags.find((entry) => entry.tag === "meta" && entry.attributes.property === name)?.attributes.content;
  const stylesheets = links("stylesheet").map((link) => link.href);
  // The icon's attributes but rel, in Next's order (the document writes rel first).
  const icons = links("icon").map(
    (attributes) => Object.fromEntries(Object.entries(attributes).filter(([name]) => name !== "rel")) as BuildAssets["icons"][number],
  );
  const pageUrl = property("og:url");
  const image = property("og:image");
  const [type, width, height, alt] = ["og:image:type", "og:image:width", "og:image:height", "og:image:alt"].map(property);
  if (!stylesheets.length || !pageUrl || !image?.startsWith(`${pageUrl}/`) || !type || !width || !height || alt === undefined) return null;
  if (icons.some((icon) => !icon.href)) return null;
  return { stylesheets, icons, shareImage: { suffix: image.slice(pageUrl.length + 1), type, width, height, alt } };
}
