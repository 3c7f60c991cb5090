import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { prisma } from "@/lib/db";
import { postEventKind } from "@/lib/events/kind";

// Local HTTP servers on 127.0.0.1 for what the site sends out (webhooks, WebSub pings, Webmentions) and the pages
// it reads, with the safe fetcher's allow list opened to them as an operator would.

export type Received = { method: string; path: string; headers: IncomingHttpHeaders; body: string };
export type Answer = { status: number; headers?: Record<string, string>; body?: string };
export type Receiver = { url: string; origin: string; received: Received[]; close: () => Promise<void> };

const servers: Server[] = [];

/** A server that records each request and answers what `answer` says (`count` is 1 for the first request). */
export async function startReceiver(answer: (request: Received, count: number) => Answer, path = "/"): Promise<Receiver> {
  const receiver: Receiver = { url: "", origin: "", received: [], close: async () => {} };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const received = { method: request.method ?? "", path: request.url ?? "/", headers: request.headers, body: Buffer.concat(chunks).toString("utf8") };
      receiver.received.push(received);
      const { status, headers = { "content-type": "text/plain" }, body = "" } = answer(received, receiver.received.length);
      response.writeHead(status, headers).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  receiver.origin = `http://127.0.0.1:${port}`;
  receiver.url = `${receiver.origin}${path}`;
  receiver.close = () => new Promise((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Closes every receiver this file started. */
export async function closeReceivers(): Promise<void> {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
}

/** Lets the safe fetcher reach these receivers, as an operator's LINKPRESS_FETCH_ALLOW would. */
export function allowReceivers(...receivers: Receiver[]): void {
  process.env.LINKPRESS_FETCH_ALLOW = receivers.map((receiver) => new URL(receiver.url).host).join(",");
}

/** Runs the post.event jobs queued for a post (since `after`), as the worker would; returns each one's event and key. */
export async function runPostEvents(postId: string, after?: Date): Promise<{ event: string; key: string }[]> {
  const jobs = await prisma.job.findMany({
    where: { kind: postEventKind.kind, payload: { contains: postId }, ...(after ? { createdAt: { gte: after } } : {}) },
    orderBy: { createdAt: "asc" },
  });
  for (const job of jobs) {
    await postEventKind.handle(JSON.parse(job.payload), {
      jobId: job.id,
      attempt: 1,
      idempotencyKey: job.idempotencyKey ?? job.id,
      signal: new AbortController().signal,
    });
  }
  return jobs.map((job) => ({ event: JSON.parse(job.payload).event, key: job.idempotencyKey ?? job.id }));
}
