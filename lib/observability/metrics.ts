// The Prometheus metrics of this process (prom-client), served at /metrics by the HTTP server (./operations.ts).
// The server (bundled apart, lib/server/main.ts) and Next's bundles (the database client, sign-in, the job queue)
// both record into them, so the one set lives on globalThis, like lib/jobs/signals.ts, and this file imports
// nothing from the database: readers that need it (the queue's depth) are handed in by instrumentation.ts.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export type StatusClass = "1xx" | "2xx" | "3xx" | "4xx" | "5xx";
export type QueueDepthReader = () => Promise<Array<{ state: string; count: number }>>;

function createMetrics() {
  const registry = new Registry();
  // Process CPU, memory, event loop lag and the like, under their usual names.
  collectDefaultMetrics({ register: registry });
  let readQueueDepth: QueueDepthReader | null = null;
  return {
    registry,
    requests: new Counter({
      name: "linkpress_http_requests_total",
      help: "HTTP requests answered, by route pattern, method and status class.",
      labelNames: ["route", "method", "status"] as const,
      registers: [registry],
    }),
    requestDuration: new Histogram({
      name: "linkpress_http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its response, by route pattern and status class.",
      labelNames: ["route", "status"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    pageCache: new Counter({
      name: "linkpress_page_cache_requests_total",
      help: "Reader pages answered through the page cache, by result (hit or miss).",
      labelNames: ["result"] as const,
      registers: [registry],
    }),
    postPageRenders: new Counter({
      name: "linkpress_post_page_renders_total",
      help: "Post pages rendered for the page cache, by renderer: linkpress (lib/server/post-page.tsx) or next (the first after start, and any the own renderer leaves to Next).",
      labelNames: ["renderer"] as const,
      registers: [registry],
    }),
    databaseQueries: new Histogram({
      name: "linkpress_db_query_duration_seconds",
      help: "Time each database operation of the Prisma client took, from the client's call to its answer.",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    signInFailures: new Counter({
      name: "linkpress_sign_in_failures_total",
      help: "Failed sign-ins, by reason: unknown_email, wrong_password, locked, deactivated, two_factor, or throttled (the address is paused).",
      labelNames: ["reason"] as const,
      registers: [registry],
    }),
    queueDepth: new Gauge({
      name: "linkpress_jobs",
      help: "Background jobs in the queue by state, read from the database on each scrape.",
      labelNames: ["state"] as const,
      registers: [registry],
      async collect() {
        this.reset();
        if (!readQueueDepth) return;
        for (const { state, count } of await readQueueDepth()) this.set({ state }, count);
      },
    }),
    setQueueDepthReader(reader: QueueDepthReader | null) {
      readQueueDepth = reader;
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

const globalForMetrics = globalThis as unknown as { linkpressMetrics?: Metrics };

/** This process's metrics, created on first use. */
export function metrics(): Metrics {
  return (globalForMetrics.linkpressMetrics ??= createMetrics());
}

/** "2xx" for 204: status classes keep the number of series small. */
export function statusClass(status: number): StatusClass {
  return `${Math.min(Math.max(Math.floor(status / 100), 1), 5)}xx` as StatusClass;
}
