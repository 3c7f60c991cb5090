// npm run bench:capture [-- --runs 20]: how long the post form's prefill takes and what a 2 MiB page costs in memory.
// A local server on 127.0.0.1 serves a saved article page (tests/fixtures/capture/pages) and a 2 MiB page; the
// prefill runs in this process against a throwaway SQLite database, exactly as the Server Action calls it (the safe
// fetcher, extraction, the "already posted" and source/tag matching queries). Prints figures; asserts nothing.
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { migrateDatabase } from "../lib/cli/migrate";

const PAGES_DIR = path.resolve("tests/fixtures/capture/pages");

function bigPage(bytes: number): string {
  const paragraph = "<p>Kubernetes network policies, service meshes and zero-trust rollouts, explained one step at a time for platform teams.</p>\n";
  return `<!doctype html><html><head><meta charset="utf-8"><title>A very long page | Bench</title></head><body><article>${paragraph.repeat(Math.ceil(bytes / paragraph.length))}</article></body></html>`.slice(
    0,
    bytes,
  );
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main() {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "20" } } });
  const runs = Number(values.runs);
  const article = readdirSync(PAGES_DIR).find((name) => name.endsWith(".html") && /news|blog/.test(name)) ?? readdirSync(PAGES_DIR)[0];
  const articleHtml = readFileSync(path.join(PAGES_DIR, article));
  const twoMiB = Buffer.from(bigPage(2 * 1024 * 1024 - 1024));
  const server = createServer((request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(request.url === "/big" ? twoMiB : articleHtml);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.LINKPRESS_FETCH_ALLOW = new URL(origin).host;

  const dir = mkdtempSync(path.join(tmpdir(), "linkpress-bench-capture-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  if ((await migrateDatabase(process.env.DATABASE_URL)) !== 0) throw new Error("migration failed");
  // Imported after DATABASE_URL is set: the database client reads it once.
  const { prefillFromUrl } = await import("../lib/capture/prefill");
  const { fetchPage } = await import("../lib/fetch");
  const { extractArticle } = await import("../lib/capture/extract");
  const editor = { id: "bench-editor", role: "EDITOR" as const };

  await prefillFromUrl(editor, `${origin}/warm-up`);
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    const answer = await prefillFromUrl(editor, `${origin}/article-${i}`);
    times.push(performance.now() - started);
    if ("error" in answer || answer.fetchError) throw new Error(`prefill failed: ${JSON.stringify(answer)}`);
  }
  times.sort((a, b) => a - b);

  // Memory for one 2 MiB page: the peak above the settled baseline while it is fetched, decoded and extracted.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 2);
  const bigStarted = performance.now();
  const page = await fetchPage(`${origin}/big`);
  const extracted = extractArticle(page.html, page.finalUrl);
  const bigMs = performance.now() - bigStarted;
  clearInterval(sampler);
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);

  console.log(`Prefill of ${article} (${(articleHtml.length / 1024).toFixed(0)} KB) from a local server, ${runs} runs:`);
  console.log(`  median ${percentile(times, 50).toFixed(1)} ms, p90 ${percentile(times, 90).toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
  console.log(`A 2 MiB page (${mb(page.bytes)} MiB read, summary ${extracted.summary?.length ?? 0} characters): ${bigMs.toFixed(0)} ms`);
  console.log(
    `  peak heap +${mb(peakHeap - before.heapUsed)} MiB, peak RSS +${mb(peakRss - before.rss)} MiB${gc ? "" : " (run with --expose-gc for a settled baseline)"}`,
  );
  server.close();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
