import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isReaderPageRead, sendPermanentRedirectsAs301 } from "@/lib/server/moved-permanently";

// A stand-in for Next: it answers as the path says, writing the status the ways Next does (statusCode, or writeHead).
let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((request, response) => {
    if (isReaderPageRead(request)) sendPermanentRedirectsAs301(response);
    if (request.url?.startsWith("/head/")) {
      response.writeHead(308, "Permanent Redirect", { location: "/posts/new" });
      return response.end();
    }
    response.statusCode = request.url?.startsWith("/ok") ? 200 : 308;
    response.setHeader("location", "/posts/new");
    response.end("moved");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function ask(method: string, path: string): Promise<{ status?: number; message?: string; location?: string }> {
  return new Promise((resolve, reject) => {
    const call = httpRequest({ host: "127.0.0.1", port, method, path }, (response) => {
      response.resume();
      resolve({ status: response.statusCode, message: response.statusMessage, location: response.headers.location });
    });
    call.on("error", reject);
    call.end();
  });
}

describe("permanent redirects of reader pages", () => {
  it("sends Next's 308 for a GET or HEAD of a public page as 301, with its Location", async () => {
    expect(await ask("GET", "/posts/old")).toEqual({ status: 301, message: "Moved Permanently", location: "/posts/new" });
    expect(await ask("HEAD", "/tags/old?page=2")).toMatchObject({ status: 301, location: "/posts/new" });
    expect(await ask("GET", "/head/old")).toEqual({ status: 301, message: "Moved Permanently", location: "/posts/new" });
  });

  it("leaves every other answer as it is: other statuses, other methods, private and odd addresses, documents", async () => {
    expect((await ask("GET", "/ok/page")).status).toBe(200);
    // A POST keeps 308 so that its body is sent again.
    expect((await ask("POST", "/posts/old")).status).toBe(308);
    expect((await ask("GET", "/admin/posts")).status).toBe(308);
    expect((await ask("GET", "/posts/%2e%2e/admin")).status).toBe(308);
    // Feeds answer 301 themselves (lib/feeds/response.ts).
    expect((await ask("GET", "/tags/old/feed.xml")).status).toBe(308);
  });
});
