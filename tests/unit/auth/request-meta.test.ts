import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientIp, decideClientAddress, decideScheme, trustedProxyHops } from "@/lib/http/client-address";
import { admitRequest } from "@/lib/server/request-guard";

describe("trustedProxyHops (TRUST_PROXY)", () => {
  it("trusts no proxy unless told: unset, empty, 0, false; true is one hop; a number is that many", () => {
    for (const value of [undefined, "", " ", "0", "false", "FALSE"]) expect(trustedProxyHops(value), String(value)).toBe(0);
    expect(trustedProxyHops("true")).toBe(1);
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops(" 2 ")).toBe(2);
  });

  it("a value it does not understand trusts no proxy", () => {
    for (const value of ["yes please", "-1", "1.5", "loopback"]) expect(trustedProxyHops(value), value).toBe(0);
  });
});

describe("decideClientAddress", () => {
  const socketAddress = "192.0.2.10";

  it("without trusted proxies, uses the connection's address whatever X-Forwarded-For claims", () => {
    expect(decideClientAddress({ socketAddress, forwardedFor: "203.0.113.7", trustedHops: 0 })).toBe(socketAddress);
    expect(decideClientAddress({ socketAddress, forwardedFor: "203.0.113.7, 198.51.100.3", trustedHops: 0 })).toBe(socketAddress);
    expect(decideClientAddress({ socketAddress, forwardedFor: null, trustedHops: 0 })).toBe(socketAddress);
  });

  it("behind N trusted proxies, takes the Nth address from the right; what the client prepended is ignored", () => {
    const forwardedFor = "10.9.9.9, 203.0.113.7, 198.51.100.3";
    expect(decideClientAddress({ socketAddress, forwardedFor, trustedHops: 1 })).toBe("198.51.100.3");
    expect(decideClientAddress({ socketAddress, forwardedFor, trustedHops: 2 })).toBe("203.0.113.7");
    expect(decideClientAddress({ socketAddress, forwardedFor, trustedHops: 3 })).toBe("10.9.9.9");
    // Fewer entries than proxies: the furthest one there is.
    expect(decideClientAddress({ socketAddress, forwardedFor: "203.0.113.7", trustedHops: 2 })).toBe("203.0.113.7");
  });

  it("rotating the client-written part of X-Forwarded-For never changes the address", () => {
    const seen = new Set<string | null>();
    for (let index = 0; index < 20; index += 1) {
      seen.add(decideClientAddress({ socketAddress, forwardedFor: `203.0.113.${index}`, trustedHops: 0 }));
      seen.add(decideClientAddress({ socketAddress, forwardedFor: `203.0.113.${index}, 198.51.100.3`, trustedHops: 1 }));
    }
    expect([...seen].sort()).toEqual(["192.0.2.10", "198.51.100.3"]);
  });

  it("falls back to the connection when the chosen entry is no address or the header is empty", () => {
    expect(decideClientAddress({ socketAddress, forwardedFor: "203.0.113.7, not-an-ip", trustedHops: 1 })).toBe(socketAddress);
    expect(decideClientAddress({ socketAddress, forwardedFor: " , ", trustedHops: 1 })).toBe(socketAddress);
    expect(decideClientAddress({ socketAddress: undefined, forwardedFor: undefined, trustedHops: 1 })).toBeNull();
  });

  it("writes IPv4-mapped IPv6 addresses the IPv4 way and keeps IPv6", () => {
    expect(decideClientAddress({ socketAddress: "::ffff:192.0.2.10", forwardedFor: null, trustedHops: 0 })).toBe("192.0.2.10");
    expect(decideClientAddress({ socketAddress, forwardedFor: "2001:db8::1", trustedHops: 1 })).toBe("2001:db8::1");
  });

  it("clientIp reads the private client-address header, never a client's X-Real-IP", () => {
    const headers: Record<string, string> = { [CLIENT_ADDRESS_HEADER]: socketAddress, "x-forwarded-for": "203.0.113.7", "x-real-ip": "203.0.113.8" };
    const previous = process.env.TRUST_PROXY;
    delete process.env.TRUST_PROXY;
    try {
      expect(clientIp((name) => headers[name])).toBe(socketAddress);
      process.env.TRUST_PROXY = "1";
      expect(clientIp((name) => headers[name])).toBe("203.0.113.7");
    } finally {
      if (previous === undefined) delete process.env.TRUST_PROXY;
      else process.env.TRUST_PROXY = previous;
    }
  });
});

describe("admitRequest (outer HTTP server)", () => {
  it("replaces a client-sent client-address header with the socket's address", () => {
    const request = {
      headers: { host: "example.test", [CLIENT_ADDRESS_HEADER]: "203.0.113.66" },
      rawHeaders: ["Host", "example.test", "X-Linkpress-Client-Address", "203.0.113.66"],
      url: "/login",
      socket: { remoteAddress: "::ffff:192.0.2.10" },
    } as unknown as IncomingMessage;
    const response = { writeHead: () => response, end: () => response } as unknown as ServerResponse;
    expect(admitRequest(request, response)).toBe(true);
    expect(request.headers[CLIENT_ADDRESS_HEADER]).toBe("::ffff:192.0.2.10");
    expect(request.rawHeaders).toEqual(["Host", "example.test", CLIENT_ADDRESS_HEADER, "::ffff:192.0.2.10"]);
  });
});

describe("admitRequest: request bodies", () => {
  function send(method: string, url: string, headers: Record<string, string>, remoteAddress = "192.0.2.10") {
    const answered: { status?: number; body?: string } = {};
    const request = { method, url, headers: { host: "example.test", ...headers }, rawHeaders: [], socket: { remoteAddress } } as unknown as IncomingMessage;
    const response = {
      writeHead: (status: number) => ((answered.status = status), response),
      end: (body: string) => ((answered.body = body), response),
    } as unknown as ServerResponse;
    return { admitted: admitRequest(request, response), ...answered };
  }
  const MiB = 1024 * 1024;

  it("leaves the import upload to its route (which bounds it), and lets every other address send only what a form sends", () => {
    expect(send("POST", "/admin/import/upload", { "content-length": String(40 * MiB) }).admitted).toBe(true);
    expect(send("POST", "/admin/posts/new", { "content-length": String(MiB) }).admitted).toBe(true);
    // Next buffers up to the upload limit for any address; the others are refused before it starts.
    for (const url of ["/admin/posts/new", "/api/auth/callback/credentials", "/", "/admin/./import/upload", "/admin/import/upload/x"])
      expect(send("POST", url, { "content-length": String(12 * MiB) }), url).toMatchObject({ admitted: false, status: 413 });
  });

  it("asks for a declared length outside the upload, and leaves bodiless requests alone", () => {
    expect(send("POST", "/admin/posts/new", { "transfer-encoding": "chunked" })).toMatchObject({ admitted: false, status: 411 });
    expect(send("POST", "/admin/import/upload", { "transfer-encoding": "chunked" }).admitted).toBe(true);
    // Next forwards a Server Action to the page that defines it by calling this server over loopback, chunked.
    for (const loopback of ["127.0.0.1", "::1", "::ffff:127.0.0.1"])
      expect(send("POST", "/admin/tags/[id]", { "transfer-encoding": "chunked" }, loopback).admitted).toBe(true);
    expect(send("GET", "/", {}).admitted).toBe(true);
    expect(send("POST", "/admin/posts/new", {}).admitted).toBe(true);
  });
});

describe("decideScheme (X-Forwarded-Proto)", () => {
  it("ignores X-Forwarded-Proto without trusted proxies", () => {
    expect(decideScheme({ forwardedProto: "https", trustedHops: 0 })).toBe("http");
  });

  it("believes the trusted proxy's entry, chosen from the right like the address", () => {
    expect(decideScheme({ forwardedProto: "https", trustedHops: 1 })).toBe("https");
    expect(decideScheme({ forwardedProto: "HTTPS", trustedHops: 1 })).toBe("https");
    expect(decideScheme({ forwardedProto: "https, http", trustedHops: 1 })).toBe("http");
    expect(decideScheme({ forwardedProto: "https, http", trustedHops: 2 })).toBe("https");
    expect(decideScheme({ forwardedProto: "gopher", trustedHops: 1 })).toBe("http");
    expect(decideScheme({ forwardedProto: undefined, trustedHops: 1 })).toBe("http");
  });
});
