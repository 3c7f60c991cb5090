import { request as httpRequest, type IncomingHttpHeaders } from "node:http";

export type HttpAnswer = { status: number; headers: IncomingHttpHeaders; body: string };

/**
 * One plain HTTP request with Node's own client, the body read as text: for the server's operations endpoints,
 * which a test asks with exactly the method and headers it names (no fetch defaults, no redirects followed).
 */
export function httpCall(url: string, { method = "GET", headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}
