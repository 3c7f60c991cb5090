import { readFileSync } from "node:fs";
import { decodeBuffer } from "encoding-sniffer";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractArticle, htmlToMarkdown, SUMMARY_MAX_CHARACTERS, type ArticleMetadata } from "@/lib/capture/extract";
import { renderMarkdown, sanitizePostHtml } from "@/lib/markdown/render";
import { LIMITS } from "@/lib/posts/rules";

const pageBytes = (name: string) => readFileSync(new URL(`../../fixtures/capture/pages/${name}`, import.meta.url));
const page = (name: string) => pageBytes(name).toString("utf8");

/** Where each fixture was "fetched" from. */
const FIXTURES = {
  "01-wordpress-blog-post.html": "https://www.tigera.io/blog/how-to-get-started-with-calico-observability-features/",
  "02-news-jsonld-graph.html": "https://www.cloudwire.news/2026/06/29/eu-cloud-providers-interoperability-pledge?utm_source=rss&utm_medium=feed",
  "03-title-only.html": "https://mkhan.dev/posts/pod-priority/",
  "04-windows-1252.html": "https://lecafeops.fr/2025/03/cafe-grade-observability/",
  "06-amp-canonical.html": "https://amp.infraweekly.com/2026/02/05/dragonfly-v2-4-0-released/amp/?utm_source=twitter&utm_medium=social",
  "07-kubernetes-blog.html": "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
  "08-substack-twitter-only.html": "https://servingnotes.substack.com/p/the-llm-inference-trilemma",
  "09-published-time-keywords.html": "https://www.redhat.com/en/blog/planning-your-upgrade-path-ansible-automation-platform-26",
  "10-shift-jis.html": "https://tech.example.co.jp/blog/2025/04/userns-default/",
} as const;
type Fixture = keyof typeof FIXTURES;

/** Every fixture goes through the charset sniffer first, as a fetched body would. */
const extractFixture = (name: Fixture) => extractArticle(decodeBuffer(pageBytes(name)), FIXTURES[name]);

const MARKDOWN_LINK = /\]\(([^)\s]+)\)/g;
/** A "<" starting a tag or comment that Markdown would pass through (escaped ones are "\<"). */
const RAW_TAG = /(?:^|[^\\])<[a-zA-Z/!?]/;
// C0 controls except tab and line feed, DEL, C1 controls.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

/** What every summary promises, whatever the page. */
function expectWellFormedSummary(summary: string) {
  expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS);
  // Code spans show their text as it is, "<" included; anywhere else a "<" must be escaped.
  expect(summary.replace(/`+[^`]*`+/g, "")).not.toMatch(RAW_TAG);
  expect(summary).not.toContain("![");
  expect(summary).not.toMatch(CONTROL);
  expect(summary).toBe(summary.trim());
  for (const [, href] of summary.matchAll(MARKDOWN_LINK)) expect(href).toMatch(/^(?:https?:\/\/[^/]|mailto:)/);
  const html = renderMarkdown(summary);
  expect(html).not.toMatch(/<(?:img|script|iframe|form|nav|style)\b/);
}

const html = (head: string, body = "") => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const meta = (property: string, content: string) => `<meta property="${property}" content="${content}">`;
const named = (name: string, content: string) => `<meta name="${name}" content="${content}">`;

describe("extractArticle on saved pages", () => {
  it.each(Object.keys(FIXTURES) as Fixture[])("%s: a well-formed summary without page furniture", (name) => {
    const { summary } = extractFixture(name);
    expect(summary).not.toBeNull();
    expectWellFormedSummary(summary!);
    expect(summary).not.toMatch(/cookie|Accept All|Subscribe|Share this|Related posts|Most read|All rights reserved|Skip to|Leave a Reply|Table of Contents/i);
  });

  it("WordPress with Yoast: og tags, the site suffix dropped from og:title, the JSON-LD graph's author by @id", () => {
    const article = extractFixture("01-wordpress-blog-post.html");
    expect(article).toMatchObject({
      title: "How to get started with Calico Observability features",
      siteName: "Tigera Blog",
      description:
        "Learn how Calico Whisker gives you flow-level visibility into Kubernetes network traffic, so you can write network policies with confidence.",
      keywords: ["Calico Whisker", "observability", "network policy"],
      publishedAt: "2025-04-15T15:37:28.000Z",
      author: "Reza Ramezanpour",
      canonicalUrl: "https://www.tigera.io/blog/how-to-get-started-with-calico-observability-features/",
      ogUrl: "https://www.tigera.io/blog/how-to-get-started-with-calico-observability-features/",
      language: "en-US",
    } satisfies Partial<ArticleMetadata>);
    const summary = article.summary!;
    expect(summary.startsWith("Kubernetes, by default, adopts a permissive networking model")).toBe(true);
    // Relative links made absolute against the page; the heading that repeats the title is not there.
    expect(summary).toContain("[ANP Demo App](https://www.tigera.io/blog/anp-demo-app/)");
    expect(summary).toContain("[network policies](https://kubernetes.io/docs/concepts/services-networking/network-policies/)");
    expect(summary).toContain("let’s examine");
    expect(summary).toContain("## The Need for a Zero Trust Model");
    expect(summary).not.toContain("# How to get started");
    expect(summary).not.toContain("Calico-Whisker-blog");
    expect(summary).not.toContain("kubectl apply");
  });

  it("news site: NewsArticle in an @graph gives the headline, publisher by @id, both authors and the date", () => {
    const article = extractFixture("02-news-jsonld-graph.html");
    expect(article).toMatchObject({
      title: "EU cloud providers sign open interoperability pledge",
      siteName: "Cloud Wire",
      description: "Twelve European providers commit to common APIs for moving workloads between clouds, a year before the Data Act's switching rules bite.",
      keywords: ["Cloud", "Data Act", "Interoperability", "Europe"],
      publishedAt: "2026-06-29T13:15:00.000Z",
      author: "Priya Natarajan, Tom Beckett",
      canonicalUrl: "https://www.cloudwire.news/2026/06/29/eu-cloud-providers-interoperability-pledge",
      ogUrl: null,
      language: "en-GB",
    } satisfies Partial<ArticleMetadata>);
    expect(article.summary).toContain("**BRUSSELS** — Twelve European cloud providers");
    expect(article.summary).toContain("[EU Data Act’s](https://eur-lex.europa.eu/eli/reg/2023/2854/oj)");
    expect(article.summary).not.toContain("newsletter");
  });

  it("a bare page: the title without its host suffix, paragraphs from the body, everything else null", () => {
    const article = extractFixture("03-title-only.html");
    expect(article).toMatchObject({
      title: "Pod priority and preemption, explained",
      siteName: null,
      description: null,
      keywords: [],
      publishedAt: null,
      author: null,
      canonicalUrl: null,
      ogUrl: null,
      language: null,
    } satisfies Partial<ArticleMetadata>);
    const summary = article.summary!;
    // The link back and the date line before the first paragraph are not part of the article.
    expect(summary.startsWith("Last week a batch job on our staging cluster evicted the ingress controller.")).toBe(true);
    expect(summary).toContain("[PriorityClass](https://kubernetes.io/docs/concepts/scheduling-eviction/pod-priority-preemption/)");
    expect(summary).toContain("`preemptionPolicy: Never`");
    expect(summary).not.toContain("all posts");
  });

  it("windows-1252 bytes, decoded by the sniffer: smart quotes, dashes, é, € and … come back as themselves", () => {
    const bytes = pageBytes("04-windows-1252.html");
    expect(bytes.includes(Buffer.from([0x93]))).toBe(true); // “ as one windows-1252 byte, not UTF-8
    const article = extractFixture("04-windows-1252.html");
    expect(article).toMatchObject({
      title: "Café-grade observability: “good enough” metrics – a field guide",
      siteName: "Le Café Ops",
      description: "René Dupré on why “good enough” beats “perfect” – and what a 5 € budget buys.",
      keywords: ["observabilité", "métriques", "Prometheus"],
      publishedAt: "2025-03-14T07:30:00.000Z",
      author: "René Dupré",
      canonicalUrl: "https://lecafeops.fr/2025/03/cafe-grade-observability/",
      ogUrl: "https://lecafeops.fr/2025/03/cafe-grade-observability/",
      language: "fr",
    } satisfies Partial<ArticleMetadata>);
    expect(article.summary!.startsWith("Most teams don’t need a perfect observability stack")).toBe(true);
    expect(article.summary).toContain("about 5 € a month and has caught every real outage so far…");
    expect(article.summary).not.toContain("Par René Dupré");
  });

  it("AMP page at a tracking URL: canonical and og:url name the article's own address", () => {
    const article = extractFixture("06-amp-canonical.html");
    expect(article).toMatchObject({
      title: "Dragonfly v2.4.0 is released",
      siteName: "Infra Weekly",
      description: "The CNCF image and file distribution project adds a load-aware scheduler and faster preheating.",
      keywords: [],
      publishedAt: "2026-02-05T11:00:00.000Z",
      author: "Dana Whitfield",
      canonicalUrl: "https://www.infraweekly.com/2026/02/05/dragonfly-v2-4-0-released/",
      ogUrl: "https://www.infraweekly.com/2026/02/05/dragonfly-v2-4-0-released/",
      language: "en",
    } satisfies Partial<ArticleMetadata>);
    expect(article.canonicalUrl).not.toBe(FIXTURES["06-amp-canonical.html"]);
    expect(
      article.summary!.startsWith("The Dragonfly maintainers have shipped [version 2.4.0](https://github.com/dragonflyoss/dragonfly/releases/tag/v2.4.0)"),
    ).toBe(true);
    // A relative link resolves against the address the page was fetched from.
    expect(article.summary).toContain("[OCI](https://amp.infraweekly.com/tag/oci)");
  });

  it("Kubernetes blog: article:tag metas, site name Kubernetes, the dated blog post", () => {
    const article = extractFixture("07-kubernetes-blog.html");
    expect(article).toMatchObject({
      title: "Kubernetes v1.33: User Namespaces enabled by default!",
      siteName: "Kubernetes",
      description:
        "In Kubernetes v1.33 support for user namespaces is enabled by default. This means that, when the stack requirements are met, pods can opt-in to use user namespaces.",
      keywords: ["kubernetes", "security", "Linux", "user namespaces", "SIG Node"],
      publishedAt: "2025-04-25T18:30:00.000Z",
      author: null,
      canonicalUrl: "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
      ogUrl: "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
      language: "en",
    } satisfies Partial<ArticleMetadata>);
    const summary = article.summary!;
    expect(summary.startsWith("In Kubernetes v1.33 support for user namespaces is enabled by default.")).toBe(true);
    expect(summary).toContain("## What is a user namespace?");
    expect(summary).toContain("[Kubernetes namespaces](https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/)");
    expect(summary).toContain("[user namespace](https://man7.org/linux/man-pages/man7/user_namespaces.7.html)");
    expect(summary).not.toContain("hostUsers");
    // Whole paragraphs: it ends where a paragraph ends.
    expect(summary.endsWith("never end up in overlapping UID/GIDs.")).toBe(true);
  });

  it("Substack-like page with twitter: tags only: title and description from them, no site name", () => {
    const article = extractFixture("08-substack-twitter-only.html");
    expect(article).toMatchObject({
      title: "The LLM inference trilemma",
      siteName: null,
      description: "Throughput, latency, cost: pick two, and know which two you picked.",
      keywords: [],
      publishedAt: null,
      author: "Ana Lindqvist",
      canonicalUrl: null,
      ogUrl: null,
      language: null,
    } satisfies Partial<ArticleMetadata>);
    expect(article.summary!.startsWith("Every team that serves a large language model")).toBe(true);
    expect(article.summary).toContain("**Latency** is what a single user feels");
    expect(article.summary).toContain("[vLLM](https://github.com/vllm-project/vllm)");
    expect(article.summary).not.toContain("Thanks for reading");
  });

  it("article:published_time wins over <time> and dc.date; meta keywords and news_keywords deduplicated", () => {
    const article = extractFixture("09-published-time-keywords.html");
    expect(article).toMatchObject({
      title: "Planning your upgrade path to Ansible Automation Platform 2.6",
      siteName: "Red Hat",
      description: "Ansible Automation Platform 2.6 is the last version with an RPM-based installer. Here is how to plan the move.",
      keywords: ["Automation", "Ansible Automation Platform", "upgrade", "containers", "Ansible", "Red Hat Enterprise Linux"],
      publishedAt: "2026-04-09T00:00:00.000Z",
      author: "Ryan Bontreger",
      canonicalUrl: "https://www.redhat.com/en/blog/planning-your-upgrade-path-ansible-automation-platform-26",
      ogUrl: "https://www.redhat.com/en/blog/planning-your-upgrade-path-ansible-automation-platform-26",
      language: "en",
    } satisfies Partial<ArticleMetadata>);
    expect(article.summary!.startsWith("The release of Red Hat Ansible Automation Platform 2.6 marks a pivotal milestone.")).toBe(true);
    expect(article.summary).toContain("1. This is the last version with an RPM-based installer.");
  });

  it("Shift_JIS bytes, decoded by the sniffer: Japanese title, site, keywords split on 、, relative canonical resolved", () => {
    const article = extractFixture("10-shift-jis.html");
    expect(article).toMatchObject({
      title: "Kubernetes 1.33 でユーザー名前空間がデフォルトで有効に",
      siteName: "クラウドネイティブ技術ブログ",
      description: "Kubernetes 1.33 ではユーザー名前空間がデフォルトで有効になりました。仕組みと使い方を解説します。",
      keywords: ["Kubernetes", "コンテナ", "セキュリティ"],
      publishedAt: "2025-04-28T01:00:00.000Z",
      author: null,
      canonicalUrl: "https://tech.example.co.jp/blog/2025/04/userns-default/",
      ogUrl: "https://tech.example.co.jp/blog/2025/04/userns-default/",
      language: "ja",
    } satisfies Partial<ArticleMetadata>);
    expect(article.summary!.startsWith("Kubernetes 1.33 では、ユーザー名前空間のサポートがデフォルトで有効になりました。")).toBe(true);
    expect(article.summary).toContain("[公式ドキュメント](https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/)");
  });

  it("the same Shift_JIS bytes read as UTF-8 give replacement characters, not a crash", () => {
    const article = extractArticle(page("10-shift-jis.html"), FIXTURES["10-shift-jis.html"]);
    expect(article.title).toContain("\uFFFD");
    expect(article.canonicalUrl).toBe("https://tech.example.co.jp/blog/2025/04/userns-default/");
  });
});

describe("a huge page", () => {
  const MiB = 1024 * 1024;
  const entry = (i: number) =>
    `<h2 id="v1-${i}">v1.${i}</h2>\n<p>Release 1.${i} changed the <a href="/kubernetes/v1-${i}#api">core/v1</a> API: fields were added to PodSpec, ` +
    `deprecated beta APIs were removed, and the defaults of several controllers moved. See the upstream notes.</p>\n`;
  const fill = (size: number, make: (i: number) => string) => {
    const parts: string[] = [];
    for (let i = 0, length = 0; length < size; i++) {
      parts.push(make(i));
      length += parts[parts.length - 1].length;
    }
    return parts.join("");
  };
  // How long these take is measured by `npm run bench:capture`, not asserted here; a blow-up (the quadratic nesting
  // linkedom has) would still fail them through the test timeout.
  const extractHuge = (markup: string, url = "https://changelog-archive.example.org/kubernetes/all") => extractArticle(markup, url);

  it("2 MiB of article is read whole, its head and trailing JSON-LD included", () => {
    const markup = page("05-huge-page-template.html").replace(/<!-- BODY[^>]*-->/, fill(2 * MiB, entry));
    expect(markup.length).toBeGreaterThan(2 * MiB);
    const article = extractHuge(markup);
    expect(article).toMatchObject({
      title: "The complete Kubernetes API changelog, 1.0 to today",
      siteName: "Changelog Archive",
      publishedAt: "2026-01-06T12:00:00.000Z",
      author: "Changelog Archive bot",
      canonicalUrl: "https://changelog-archive.example.org/kubernetes/all",
      language: "en",
    } satisfies Partial<ArticleMetadata>);
    // Too big for Readability: the first paragraphs of the article instead.
    expect(article.summary!.startsWith("## v1.0\n\nRelease 1.0 changed the [core/v1](https://changelog-archive.example.org/kubernetes/v1-0#api) API")).toBe(
      true,
    );
    expectWellFormedSummary(article.summary!);
  });

  it.each([
    ["one 2 MiB paragraph", `<html><body><article><p>${"word ".repeat((2 * MiB) / 5)}</p></article></body></html>`],
    ["150,000 small elements", `<html><body>${fill(2 * MiB, () => "<div><span>x</span><span>y</span></div>")}</body></html>`],
    ["100,000 nested elements", `<html><body>${"<div>".repeat(100_000)}deep</body></html>`],
    ["700,000 bare <p> tags", `<html><body>${"<p>".repeat(700_000)}</body></html>`],
    [
      "a listing page of 8,000 elements without an article",
      `<html><body><main>${fill(150_000, (i) => `<div class="card"><h3><a href="/p/${i}">Item ${i}</a></h3><p class="meta">By <a href="/u">Someone</a> <time>2024</time></p><ul class="tags"><li><a href="/t/a">a</a></li></ul></div>`).slice(0, 150_000)}</main></body></html>`,
    ],
    ["a 2 MiB inline script", `<html><head><script>${"var a = '<div>';".repeat((2 * MiB) / 16)}</script></head><body><p>Short.</p></body></html>`],
    ["a 2 MiB attribute", `<html><head>${meta("og:title", "A ".repeat(MiB))}${named("keywords", "k,".repeat(MiB / 2))}</head></html>`],
  ])("%s: finishes with well-formed, limited fields", (_label, markup) => {
    const article = extractHuge(markup);
    if (article.summary) expectWellFormedSummary(article.summary);
    if (article.title) expect([...article.title].length).toBeLessThanOrEqual(LIMITS.title);
  });

  it("a very long first paragraph is cut at a sentence, else at a word, with an ellipsis", () => {
    const sentences = `<html><body><article><p>${"This sentence is about forty-five characters. ".repeat(60)}</p></article></body></html>`;
    const bySentence = extractArticle(sentences, "https://example.com/a").summary!;
    expect(bySentence.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS);
    expect(bySentence).toMatch(/characters\. …$/);

    const words = extractArticle(`<html><body><article><p>${"lorem ipsum ".repeat(300)}</p></article></body></html>`, "https://example.com/a").summary!;
    expect(words.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS);
    expect(words).toMatch(/(?:lorem|ipsum)…$/);

    const japanese = extractArticle(
      `<html><body><article><p>${"これは日本語の文です。".repeat(200)}</p></article></body></html>`,
      "https://example.jp/a",
    ).summary!;
    expect(japanese.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS);
    expect(japanese).toMatch(/です。 …$/);
  });

  it("never cuts inside a link", () => {
    const long = "https://example.com/" + "segment/".repeat(40);
    const text = `<p>${"Words without any full stop ".repeat(48)}<a href="${long}">a link whose text runs on and on</a> and more words after it ${"again ".repeat(100)}</p>`;
    const summary = extractArticle(`<html><body><article>${text}</article></body></html>`, "https://example.com/a").summary!;
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX_CHARACTERS);
    const opened = summary.split("[").length - 1;
    expect(summary.split("](").length - 1).toBe(opened);
    expectWellFormedSummary(summary);
  });
});

describe("title: the site's suffix", () => {
  // [title, og:site_name or null, page address, expected]
  it.each([
    ["Post title – Blog Name", "Blog Name", "https://blog.example.com/p", "Post title"],
    ["Post title | Kubernetes", "Kubernetes", "https://kubernetes.io/blog/x/", "Post title"],
    ["Post title - Site", "Site", "https://example.com/p", "Post title"],
    ["Post title — The Site", "The Site", "https://example.com/p", "Post title"],
    ["Post title · Site", "Site", "https://example.com/p", "Post title"],
    ["Post title :: Site", "Site", "https://example.com/p", "Post title"],
    ["Post title » Site", "Site", "https://example.com/p", "Post title"],
    ["Post title | SITE", "Site", "https://example.com/p", "Post title"],
    ["Post title | Red Hat Developer", "Red Hat", "https://developers.redhat.com/p", "Post title"],
    ["Post | Section | Site", "Site", "https://example.com/p", "Post | Section"],
    ["Post – Section – Kubernetes Blog – Kubernetes", "Kubernetes", "https://kubernetes.io/p", "Post – Section"],
    // No site name: the host names the site.
    ["Pod priority - mkhan.dev", null, "https://mkhan.dev/posts/x/", "Pod priority"],
    ["Why my pods restart · Dan Luu", null, "https://danluu.com/pods/", "Why my pods restart"],
    ["Gateway API in practice - The Tigera Blog", null, "https://www.tigera.io/blog/x/", "Gateway API in practice"],
    ["Observability on VKS | VMware Blogs", null, "https://blogs.vmware.com/cloud-foundation/x/", "Observability on VKS"],
    // Kept: the suffix is part of the title, or there is nothing before it.
    ["Kubernetes 1.33 - What's new in Kubernetes", null, "https://kubernetes.io/blog/x/", "Kubernetes 1.33 - What's new in Kubernetes"],
    ["Calico vs Cilium - a comparison", "Tigera", "https://www.tigera.io/blog/x/", "Calico vs Cilium - a comparison"],
    ["Zero-Trust with Zero-Friction eBPF", "Tigera", "https://www.tigera.io/blog/x/", "Zero-Trust with Zero-Friction eBPF"],
    ["Kubernetes", "Kubernetes", "https://kubernetes.io/", "Kubernetes"],
    ["Kubernetes | Kubernetes", "Kubernetes", "https://kubernetes.io/", "Kubernetes"],
    ["| Kubernetes", "Kubernetes", "https://kubernetes.io/", "| Kubernetes"],
    ["   ", "Site", "https://example.com/", null],
  ])("%j (site %j at %s) → %j", (title, siteName, url, expected) => {
    const head = `<title>${title}</title>${siteName ? meta("og:site_name", siteName) : ""}`;
    expect(extractArticle(html(head), url).title).toBe(expected);
  });

  it("takes og:title, then twitter:title, then the JSON-LD headline, then <title>", () => {
    const ld = `<script type="application/ld+json">{"@type":"BlogPosting","headline":"From JSON-LD"}</script>`;
    const all = meta("og:title", "From og") + named("twitter:title", "From twitter") + ld + "<title>From title</title>";
    expect(extractArticle(html(all), "https://example.com/").title).toBe("From og");
    expect(extractArticle(html(all.replace(meta("og:title", "From og"), meta("og:title", "  "))), "https://example.com/").title).toBe("From twitter");
    expect(extractArticle(html(ld + "<title>From title</title>"), "https://example.com/").title).toBe("From JSON-LD");
    expect(extractArticle(html("<title>From title</title>"), "https://example.com/").title).toBe("From title");
  });

  it("ignores an <svg>'s <title> and collapses white space", () => {
    const markup = `<html><head><title>\n  Spaced \t out\u00A0 title\n</title></head><body><svg><title>Icon</title></svg></body></html>`;
    expect(extractArticle(markup, "https://example.com/").title).toBe("Spaced out title");
    expect(extractArticle(`<html><body><svg><title>Icon</title></svg><p>Hello there.</p></body></html>`, "https://example.com/").title).toBeNull();
  });
});

describe("keywords", () => {
  it("article:tag, JSON-LD, meta keywords, news_keywords in that order, trimmed, deduplicated case-insensitively", () => {
    const head =
      meta("article:tag", "Kubernetes") +
      meta("article:tag", " kubernetes ") +
      meta("article:tag", "Service Mesh") +
      `<script type="application/ld+json">{"@type":"Article","keywords":"KUBERNETES, eBPF , Observability"}</script>` +
      named("keywords", "ebpf, Networking,, ,networking;Istio") +
      named("news_keywords", "ＫＵＢＥＲＮＥＴＥＳ, Cilium");
    expect(extractArticle(html(head), "https://example.com/").keywords).toEqual([
      "Kubernetes",
      "Service Mesh",
      "eBPF",
      "Observability",
      "Networking",
      "Istio",
      "Cilium",
    ]);
  });

  it("JSON-LD keywords as an array (of strings or DefinedTerms), entities decoded", () => {
    const ld = `<script type="application/ld+json">{"@type":"TechArticle","keywords":["Ops &amp; SRE", {"@type":"DefinedTerm","name":"GitOps"}, 3, null]}</script>`;
    expect(extractArticle(html(ld), "https://example.com/").keywords).toEqual(["Ops & SRE", "GitOps"]);
  });

  it("keeps at most 20, and drops ones longer than a tag may be or without a letter or digit", () => {
    const many = Array.from({ length: 30 }, (_, i) => `tag${i}`).join(",");
    expect(extractArticle(html(named("keywords", many)), "https://example.com/").keywords).toEqual(Array.from({ length: 20 }, (_, i) => `tag${i}`));
    const odd = ["x".repeat(LIMITS.tagName + 1), "---", "…", "ok"].join(",");
    expect(extractArticle(html(named("keywords", odd)), "https://example.com/").keywords).toEqual(["ok"]);
  });
});

describe("dates", () => {
  it.each([
    ["2025-04-25T10:30:00-08:00", "2025-04-25T18:30:00.000Z"],
    ["2025-04-25T10:30:00.123456+05:30", "2025-04-25T05:00:00.123Z"],
    ["2025-04-25T10:30:00+0200", "2025-04-25T08:30:00.000Z"],
    ["2025-04-25T10:30Z", "2025-04-25T10:30:00.000Z"],
    ["2025-04-25", "2025-04-25T00:00:00.000Z"],
    ["2025-04-25 10:30:00", "2025-04-25T10:30:00.000Z"],
    ["2025/04/25", "2025-04-25T00:00:00.000Z"],
    ["Fri, 25 Apr 2025 10:30:00 GMT", "2025-04-25T10:30:00.000Z"],
    ["2025-02-30", null],
    ["2025-13-01", null],
    ["1969-12-31T23:59:59Z", null],
    ["April 25, 2025", null],
    ["yesterday", null],
    ["1", null],
    ["", null],
  ])("article:published_time %j → %j", (value, expected) => {
    expect(extractArticle(html(meta("article:published_time", value)), "https://example.com/").publishedAt).toBe(expected);
  });

  it("falls through the sources in order when one does not parse", () => {
    const ld = `<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-05-01T08:00:00Z"}</script>`;
    const time = `<article><time datetime="2023-03-03">3 March</time><p>Text.</p></article>`;
    const dc = named("DC.date", "2022-02-02");
    expect(extractArticle(html(meta("article:published_time", "soon") + ld + dc, time), "https://example.com/").publishedAt).toBe("2024-05-01T08:00:00.000Z");
    expect(extractArticle(html(dc, time), "https://example.com/").publishedAt).toBe("2023-03-03T00:00:00.000Z");
    expect(extractArticle(html(dc, "<p><time datetime='2021-01-01'>outside the article</time></p>"), "https://example.com/").publishedAt).toBe(
      "2022-02-02T00:00:00.000Z",
    );
  });
});

describe("author, site name, language", () => {
  it("JSON-LD authors (string, objects, @id references) before meta author, article:author and rel=author", () => {
    const graph = `<script type="application/ld+json">{"@graph":[{"@type":"Article","author":[{"@id":"#a"},{"@type":"Person","name":"Bo Chen"},"Cy Diaz",{"@id":"#a"}]},{"@id":"#a","@type":"Person","name":"Ann Ek"}]}</script>`;
    expect(extractArticle(html(graph + named("author", "Meta Author")), "https://example.com/").author).toBe("Ann Ek, Bo Chen, Cy Diaz");
    expect(extractArticle(html(named("author", " Meta\n Author ")), "https://example.com/").author).toBe("Meta Author");
    const facebook = meta("article:author", "https://www.facebook.com/someone");
    expect(extractArticle(html(facebook + meta("article:author", "Dee Fox")), "https://example.com/").author).toBe("Dee Fox");
    expect(extractArticle(html(facebook, `<article><a rel="author" href="/u/gus">Gus Hale</a><p>Text.</p></article>`), "https://example.com/").author).toBe(
      "Gus Hale",
    );
    expect(extractArticle(html(facebook), "https://example.com/").author).toBeNull();
  });

  it("site name from og:site_name, else a JSON-LD Organization publisher, never a Person", () => {
    const organization = `<script type="application/ld+json">{"@type":"BlogPosting","publisher":{"@type":"Organization","name":"CNCF"}}</script>`;
    const person = `<script type="application/ld+json">{"@type":"BlogPosting","publisher":{"@type":"Person","name":"Jo Blogger"}}</script>`;
    expect(extractArticle(html(organization), "https://www.cncf.io/blog/x/").siteName).toBe("CNCF");
    expect(extractArticle(html(meta("og:site_name", "Cloud Native Computing Foundation") + organization), "https://www.cncf.io/").siteName).toBe(
      "Cloud Native Computing Foundation",
    );
    expect(extractArticle(html(person), "https://jo.example/").siteName).toBeNull();
  });

  it("language from <html lang> when it looks like a language tag", () => {
    expect(extractArticle(`<html lang="pt_BR"><body><p>Olá.</p></body></html>`, "https://example.com/").language).toBe("pt-BR");
    expect(extractArticle(`<html lang="not a language"><body></body></html>`, "https://example.com/").language).toBeNull();
    expect(extractArticle(`<html lang=""><body></body></html>`, "https://example.com/").language).toBeNull();
  });
});

describe("addresses", () => {
  it("canonical resolved against <base href> or the page, og:url against the page", () => {
    const head = `<base href="https://cdn.example.com/blog/"><link rel="Canonical" href="post-1/">${meta("og:url", "/post-1")}`;
    expect(extractArticle(html(head), "https://example.com/blog/post-1/?utm_source=x")).toMatchObject({
      canonicalUrl: "https://cdn.example.com/blog/post-1/",
      ogUrl: "https://example.com/post-1",
    });
    expect(extractArticle(html(`<base href="javascript:alert(1)"><link rel="canonical" href="/p">`), "https://example.com/a/b").canonicalUrl).toBe(
      "https://example.com/p",
    );
  });

  it("a relative address cannot be resolved against a page address that is not one", () => {
    const head = `<link rel="canonical" href="/p">${meta("og:url", "https://example.com/p")}`;
    const body = `<article><p>A paragraph with a <a href="/relative">relative link</a> and an <a href="https://example.com/x">absolute one</a>.</p></article>`;
    const article = extractArticle(html(head, body), "not a url");
    expect(article.canonicalUrl).toBeNull();
    expect(article.ogUrl).toBe("https://example.com/p");
    expect(article.summary).toBe("A paragraph with a relative link and an [absolute one](https://example.com/x).");
  });
});

describe("attack strings in metadata", () => {
  it("markup in og:title and the description comes back as plain text", () => {
    const head = meta("og:title", "&lt;script&gt;alert(1)&lt;/script&gt; Hello") + `<meta name="description" content="<img src=x onerror=alert(1)> desc">`;
    const article = extractArticle(html(head), "https://example.com/");
    expect(article.title).toBe("<script>alert(1)</script> Hello");
    expect(article.description).toBe("<img src=x onerror=alert(1)> desc");
  });

  it("markup-looking text in the article stays text in the Markdown", () => {
    const body = `<article><p>Never write &lt;script&gt;alert(1)&lt;/script&gt; or &amp;lt; into a page, &lt;!-- nor this --&gt;.</p></article>`;
    const summary = extractArticle(html("", body), "https://example.com/").summary!;
    expect(summary).toBe("Never write \\<script>alert(1)\\</script> or \\&lt; into a page, \\<!-- nor this -->.");
    expectWellFormedSummary(summary);
    expect(renderMarkdown(summary)).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it.each([
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "java\nscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/x",
    "https://user:pw@example.com/",
  ])("canonical and og:url %j are ignored", (href) => {
    const head = `<link rel="canonical" href="${href.replace(/"/g, "&quot;")}">${meta("og:url", href.replace(/"/g, "&quot;"))}`;
    expect(extractArticle(html(head), "https://example.com/a")).toMatchObject({ canonicalUrl: null, ogUrl: null });
  });

  it("javascript: and other unsafe links in the article keep only their text", () => {
    const body = `<article><p>Click <a href="javascript:alert(1)">here</a>, <a href=" data:text/html,x">there</a> or <a href="vbscript:x">everywhere</a>; <a href="mailto:a@example.com">mail</a>.</p></article>`;
    expect(extractArticle(html("", body), "https://example.com/").summary).toBe("Click here, there or everywhere; [mail](mailto:a@example.com).");
  });

  it("NUL, C0 and C1 control characters are stripped", () => {
    const head = meta("og:title", "Hel\u0000lo\u0007 Wor\u009Fld") + meta("og:site_name", "Si\u0001te") + named("description", "line one\u000B\u0085 line two");
    const body = `<article><p>Para\u0000graph\u0008 with\u0085 controls.</p></article>`;
    const article = extractArticle(html(head, body), "https://example.com/");
    expect(article).toMatchObject({ title: "Hello World", siteName: "Site", description: "line one line two", summary: "Paragraph with controls." });
  });

  it("a 10,000-character title is clamped to the post limit at a word boundary, with an ellipsis", () => {
    const words = extractArticle(html(meta("og:title", "word ".repeat(2000))), "https://example.com/").title!;
    expect([...words].length).toBeLessThanOrEqual(LIMITS.title);
    expect(words).toMatch(/^(?:word )+word…$/);

    const solid = extractArticle(html(`<title>${"x".repeat(10_000)}</title>`), "https://example.com/").title!;
    expect(solid).toBe(`${"x".repeat(LIMITS.title - 1)}…`);

    const emoji = extractArticle(html(meta("og:title", "🚀".repeat(10_000))), "https://example.com/").title!;
    expect([...emoji]).toHaveLength(LIMITS.title);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it("site name and description are clamped to the source and TL;DR limits", () => {
    const head = meta("og:site_name", "Site ".repeat(100)) + named("description", "Long description. ".repeat(500));
    const article = extractArticle(html(head), "https://example.com/");
    expect([...article.siteName!].length).toBeLessThanOrEqual(LIMITS.sourceName);
    expect(article.siteName!.endsWith("…")).toBe(true);
    expect([...article.description!].length).toBeLessThanOrEqual(LIMITS.tldr);
    expect(article.description!.endsWith("…")).toBe(true);
  });
});

describe("malformed input", () => {
  it("ignores a JSON-LD block that does not parse and uses the others", () => {
    const broken = `<script type="application/ld+json">{"@type": "Article", "headline": "Broken",}</script>`;
    const good = `<script type="application/ld+json">{"@type": "Article", "headline": "Good", "author": {"name": "Ann"}}</script>`;
    const odd = ["null", '"just a string"', "42", '{"@graph": "not a list"}', "[".repeat(100_000), '{"@type": {"nested": true}}']
      .map((text) => `<script type="application/ld+json">${text}</script>`)
      .join("");
    expect(extractArticle(html(broken + odd + "<title>From title</title>"), "https://example.com/").title).toBe("From title");
    expect(extractArticle(html(broken + odd + good), "https://example.com/")).toMatchObject({ title: "Good", author: "Ann" });
  });

  it("reads JSON-LD wrapped in a comment or holding raw line breaks in strings", () => {
    const wrapped = `<script type="application/ld+json"><!--\n{"@type":"NewsArticle","headline":"Two\nlines"}\n--></script>`;
    expect(extractArticle(html(wrapped), "https://example.com/").title).toBe("Two lines");
  });

  it.each([
    ["an empty string", ""],
    ["white space", " \n\t "],
    ["a lone bracket", "<"],
    ["an unfinished tag", "<html"],
    ["tags out of order", "</body></html><html><head><title>T</title></html><body>"],
    ["a NUL", "\u0000"],
    ["unclosed everything", "<html><head><title>Unclosed<body><p>text <b><i><a href='/x'>link"],
    ["a fragment", "<p>Just a paragraph of text.</p>"],
    ["plain text", "Just some text, no markup at all."],
    ["a comment that never ends", "<html><body><p>a</p><!-- and then"],
    ["a script that never ends", "<html><head><script>var x = '</head>'"],
  ])("%s: no throw, empty or sensible fields", (_label, markup) => {
    const article = extractArticle(markup, "https://example.com/");
    expect(article.keywords).toEqual(expect.any(Array));
    if (article.summary) expectWellFormedSummary(article.summary);
  });

  it("survives values that are not strings", () => {
    expect(extractArticle(null as unknown as string, undefined as unknown as string).title).toBeNull();
    expect(extractArticle(html("<title>T</title>"), 42 as unknown as string).title).toBe("T");
  });

  it("never throws and keeps every promise for any markup (property)", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        "<html>",
        "</html>",
        "<head>",
        "<body>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<article>",
        "<a href='/x'>",
        "<a href='javascript:x'>",
        "</a>",
        "<h1>",
        "<h2>",
        "<ul><li>",
        "<img src=x>",
        "<script>",
        "</script>",
        "<title>",
        "</title>",
        "<svg>",
        "<!--",
        "-->",
        '<meta property="og:title" content="',
        '<meta name="keywords" content="',
        '">',
        '<script type="application/ld+json">{"@type":"Article","headline":',
        '<link rel="canonical" href="',
        "&amp;",
        "&lt;",
        "&#0;",
        "\u0000",
        "\u0085",
        "🚀",
        " – ",
        " | ",
        ". ",
      ),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.constantFrom("https://example.com/a/b", "not a url", ""), (pieces, url) => {
        const article = extractArticle(pieces.join(""), url);
        for (const field of ["title", "siteName", "author"] as const) {
          const value = article[field];
          if (value !== null) expect(value).toMatch(/^\S(?:.*\S)?$/s);
          if (value !== null) expect(value).not.toMatch(/[\n\t]|[\u0000-\u001F\u007F-\u009F]/);
        }
        if (article.title) expect([...article.title].length).toBeLessThanOrEqual(LIMITS.title);
        if (article.summary) expectWellFormedSummary(article.summary);
        expect(article.keywords.length).toBeLessThanOrEqual(20);
        for (const address of [article.canonicalUrl, article.ogUrl]) if (address) expect(address).toMatch(/^https?:\/\//);
        if (article.publishedAt) expect(new Date(article.publishedAt).toISOString()).toBe(article.publishedAt);
      }),
      { numRuns: 300 },
    );
  });
});

describe("summary structure", () => {
  it("drops leading headings equal to the title and trailing headings, keeps the rest as Markdown", () => {
    const body =
      `<article><h1>The Title</h1><h2>The title!</h2><p>First paragraph, with <em>emphasis</em> and <strong>strength</strong>.</p>` +
      `<ul><li>one</li><li>two <a href="/two">link</a></li></ul><blockquote><p>Quoted.</p></blockquote><h3>Next part</h3></article>`;
    const summary = extractArticle(html(meta("og:title", "The Title"), body), "https://example.com/p").summary;
    expect(summary).toBe("First paragraph, with _emphasis_ and **strength**.\n\n- one\n- two [link](https://example.com/two)\n\n> Quoted.");
  });

  it("leaves out images, iframes, forms, navigation and scripts inside the article", () => {
    const body =
      `<article><nav><p>Home / Blog</p></nav><p>Text <img src="/a.png" alt="an image"> with <iframe src="https://evil.example/"></iframe>` +
      `<script>alert(1)</script><button>Click</button> an end.</p><form><p>Your email</p><input></form><figure><img src="/b.png"><figcaption>Caption</figcaption></figure></article>`;
    const summary = extractArticle(html("", body), "https://example.com/").summary!;
    expect(summary).toBe("Text with an end.");
  });
});

describe("an HTML fragment as Markdown (Micropub's HTML content)", () => {
  const convert = (html: string) => htmlToMarkdown(sanitizePostHtml(html), "https://site.example");

  it("keeps the formatting and links, resolved against the site", () => {
    expect(convert("This post has <b>bold</b> and <i>italic</i> text.")).toBe("This post has **bold** and _italic_ text.");
    expect(convert('<p>See <a href="/posts/other">this</a>.</p><ul><li>one</li><li>two</li></ul><h1>Head</h1>')).toBe(
      "See [this](https://site.example/posts/other).\n\n- one\n- two\n\n## Head",
    );
  });

  it("leaves no script, handler, unsafe link or raw markup in what it renders", () => {
    const markdown = convert(
      '<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:alert(1)">there</a> &lt;img src=x onerror=alert(1)&gt;</p><iframe src="https://e.example"></iframe><img src="https://e.example/i.png">',
    );
    expect(markdown).toBe("Hi there \\<img src=x onerror=alert(1)>");
    expect(renderMarkdown(markdown)).toBe("<p>Hi there &lt;img src=x onerror=alert(1)&gt;</p>\n");
    expect(convert("")).toBe("");
  });
});
