// A stand-in for the wider web during the end-to-end tests: articles to capture and prefill from, a list page that
// links to them (the "via" page), a shortener, an IndieAuth app, a webhook receiver, a Webmention endpoint and a web archive. Started by the Playwright config on 127.0.0.1 (another site than
// the app's localhost); the app may fetch from it because the config names it in LINKPRESS_FETCH_ALLOW.
import { createServer } from "node:http";

const port = Number(process.env.FIXTURE_PORT);

// A query (?run=…) is carried into every link and redirect, so each test run has article addresses of its own.
const article = (slug: string, title: string, query: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | Fixture Weekly</title>
<meta property="og:title" content="${title}"><meta property="og:site_name" content="Fixture Weekly">
<meta property="og:description" content="What changes when every workload proves who it is, and how to roll it out.">
<meta property="article:published_time" content="2025-06-03T09:00:00Z"><meta name="author" content="Priya Platform">
<meta property="article:tag" content="Kubernetes"><meta property="article:tag" content="Zero trust">
<link rel="canonical" href="http://127.0.0.1:${port}/articles/${slug}${query}"></head>
<body><header><a href="/list">Fixture Weekly</a></header><main><article><h1>${title}</h1>
<p id="lead">Zero trust starts from one rule: no workload is trusted because of where it runs.</p>
<p id="second">Every connection proves an identity,
and every identity is checked against a policy.</p>
<p>Rolling it out is a matter of small steps: inventory the traffic, write the policies, then enforce them one namespace at a time.</p>
</article></main><footer>© Fixture Weekly</footer></body></html>`;

const pages: Record<string, (query: string) => string> = {
  "/list": (query) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Reading list</title></head><body>
<ul><li><a href="/articles/zero-trust${query}">Zero trust for clusters</a></li></ul></body></html>`,
  "/articles/zero-trust": (query) => article("zero-trust", "Zero trust for Kubernetes clusters", query),
  "/articles/typed": (query) => article("typed", "An article whose details must not replace typed text", query),
  "/articles/posted": (query) => article("posted", "An article that is already posted", query),
  // An IndieAuth app: its client_id page names it (h-app); its redirect page shows what it was sent back with.
  "/indieauth-app/": () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fixture Poster</title></head><body>
<div class="h-app"><a class="u-url p-name" href="/indieauth-app/">Fixture Poster</a></div></body></html>`,
  "/indieauth-app/callback": () => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Back at Fixture Poster</title></head>
<body><h1>Back at Fixture Poster</h1></body></html>`,
  "/health": () => "ok",
};

createServer((request, response) => {
  const [path, search = ""] = (request.url ?? "/").split("?");
  // A webhook receiver: takes any POST under /webhook-receiver/ and answers 200 with what it got.
  if (request.method === "POST" && path.startsWith("/webhook-receiver/")) {
    let size = 0;
    request.on("data", (chunk: Buffer) => (size += chunk.length));
    request.on("end", () => response.writeHead(200, { "content-type": "text/plain" }).end(`received ${size} bytes for ${request.headers["webhook-id"]}`));
    return;
  }
  // A Webmention endpoint (named by /articles/mentioned's Link header): accepts any POST for later processing.
  if (request.method === "POST" && path === "/webmention-endpoint") return response.writeHead(202, { "content-type": "text/plain" }).end("accepted");
  // The web archive's availability API (ARCHIVE_API_URL): every address has a snapshot here.
  if (path === "/wayback/available") {
    const url = new URLSearchParams(search).get("url") ?? "";
    const closest = { available: true, status: "200", timestamp: "20250101000000", url: `http://127.0.0.1:${port}/snapshots/20250101000000/${url}` };
    return response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ url, archived_snapshots: { closest } }));
  }
  const query = search ? `?${search}` : "";
  if (path === "/articles/mentioned")
    return response
      .writeHead(200, { "content-type": "text/html; charset=utf-8", link: '</webmention-endpoint>; rel="webmention"' })
      .end(article("mentioned", "An article that takes Webmentions", query));
  if (path === "/s/posted") return response.writeHead(301, { location: `/articles/posted?utm_source=short${search ? `&${search}` : ""}` }).end();
  const page = pages[path];
  if (!page) return response.writeHead(404, { "content-type": "text/plain" }).end("not found");
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(page(query));
}).listen(port, "127.0.0.1");
