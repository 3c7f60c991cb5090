// The fetcher's checks before any network: every spelling of a private, local or metadata address the URL parser
// accepts, other schemes, credentials and ports, each refused with its code; public addresses pass. No DNS here.
import { describe, expect, it } from "vitest";
import { addressProblem, checkResolvedAddresses, checkUrl, isRefusedHostname, parseFetchAllowList, urlProblem } from "@/lib/fetch/address";
import { FETCH_LIMITS } from "@/lib/fetch/limits";
import { FetchRefusal } from "@/lib/fetch/refusal";

const ATTACKS: [url: string, code: string][] = [
  // Loopback in every spelling the WHATWG parser turns into 127.0.0.1.
  ["http://127.0.0.1/", "private-address"],
  ["http://127.1/", "private-address"],
  ["http://127.0.1/", "private-address"],
  ["http://2130706433/", "private-address"],
  ["http://0x7f000001/", "private-address"],
  ["http://0x7f.1/", "private-address"],
  ["http://0x7f.0.0.1/", "private-address"],
  ["http://017700000001/", "private-address"],
  ["http://0177.0.0.1/", "private-address"],
  ["http://0177.0x0.0.01/", "private-address"],
  ["http://127.000.000.001/", "private-address"],
  ["http://127.0.0.1./", "private-address"],
  ["http://%31%32%37.0.0.1/", "private-address"],
  ["http://１２７.０.０.１/", "private-address"],
  ["https://127.255.255.254:443/", "private-address"],
  // Unspecified, which Linux connects to this machine.
  ["http://0/", "private-address"],
  ["http://0.0.0.0/", "private-address"],
  ["http://[::]/", "private-address"],
  // IPv6 loopback and IPv4 inside IPv6.
  ["http://[::1]/", "private-address"],
  ["http://[0:0:0:0:0:0:0:1]/", "private-address"],
  ["http://[::ffff:127.0.0.1]/", "private-address"],
  ["http://[::ffff:7f00:1]/", "private-address"],
  ["http://[0:0:0:0:0:ffff:169.254.169.254]/", "private-address"],
  ["http://[::ffff:10.0.0.1]/", "private-address"],
  ["http://[::127.0.0.1]/", "private-address"],
  ["http://[64:ff9b::7f00:1]/", "private-address"],
  ["http://[64:ff9b::127.0.0.1]/", "private-address"],
  ["http://[2002:7f00:1::]/", "private-address"],
  ["http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/", "private-address"],
  ["http://[::ffff:0:7f00:1]/", "private-address"],
  // IPv6 local ranges.
  ["http://[fe80::1]/", "private-address"],
  ["http://[fc00::1]/", "private-address"],
  ["http://[fd00:ec2::254]/", "private-address"],
  ["http://[fec0::1]/", "private-address"],
  ["http://[ff02::1]/", "private-address"],
  ["http://[2001:db8::1]/", "private-address"],
  // IPv4 private, shared and special ranges.
  ["http://10.0.0.1/", "private-address"],
  ["http://10.255.255.255/", "private-address"],
  ["http://172.16.0.1/", "private-address"],
  ["http://172.31.255.254/", "private-address"],
  ["http://192.168.1.1/", "private-address"],
  ["http://3232235777/", "private-address"],
  ["http://100.64.0.1/", "private-address"],
  ["http://100.127.255.254/", "private-address"],
  ["http://169.254.169.254/latest/meta-data/", "private-address"],
  ["http://169.254.1.1/", "private-address"],
  ["http://0xa9.0xfe.0xa9.0xfe/", "private-address"],
  ["http://224.0.0.1/", "private-address"],
  ["http://239.255.255.250/", "private-address"],
  ["http://255.255.255.255/", "private-address"],
  ["http://240.0.0.1/", "private-address"],
  ["http://192.0.0.1/", "private-address"],
  ["http://192.0.0.192/", "private-address"],
  ["http://192.0.2.1/", "private-address"],
  ["http://198.18.0.1/", "private-address"],
  ["http://198.51.100.7/", "private-address"],
  ["http://203.0.113.9/", "private-address"],
  // Cloud metadata: Azure's WireServer is a public address, Alibaba's is in the shared range.
  ["http://168.63.129.16/", "private-address"],
  ["http://100.100.100.200/", "private-address"],
  // Names that mean this machine or a metadata service, refused before any lookup.
  ["http://localhost/", "private-address"],
  ["http://LOCALHOST./", "private-address"],
  ["http://app.localhost/", "private-address"],
  ["http://metadata/", "private-address"],
  ["http://metadata.google.internal/computeMetadata/v1/", "private-address"],
  // Credentials, ports and schemes.
  ["http://user:pass@example.com/", "credentials"],
  ["http://user@example.com/", "credentials"],
  ["https://:secret@example.com/", "credentials"],
  ["http://example.com:8080/", "port"],
  ["http://example.com:22/", "port"],
  ["https://example.com:8443/", "port"],
  ["http://93.184.215.14:25/", "port"],
  ["http://example.com:0/", "port"],
  ["ftp://example.com/", "scheme"],
  ["file:///etc/passwd", "scheme"],
  ["javascript:alert(1)", "scheme"],
  ["gopher://127.0.0.1:70/_", "scheme"],
  ["data:text/html,<p>hi</p>", "scheme"],
  ["ws://example.com/", "scheme"],
  ["blob:https://example.com/x", "scheme"],
  // Not URLs at all.
  ["example.com", "bad-url"],
  ["//example.com/", "bad-url"],
  ["http://", "bad-url"],
  ["http://exa mple.com/", "bad-url"],
  ["http://[::1/", "bad-url"],
  ["http://[fe80::1%25eth0]/", "bad-url"],
];

describe("URLs refused before any lookup", () => {
  it("has a long attack list", () => expect(ATTACKS.length).toBeGreaterThanOrEqual(40));

  it.each(ATTACKS)("%s → %s", (url, code) => {
    const problem = urlProblem(url);
    expect(problem).toBeInstanceOf(FetchRefusal);
    expect(problem?.code).toBe(code);
    expect(problem?.message).toMatch(/\.$/);
  });

  it("words refusals for an editor", () => {
    expect(urlProblem("http://10.0.0.1/")?.message).toBe("That address is on a private network.");
    expect(urlProblem("http://example.com:8080/")?.message).toBe("Only the usual web ports (80 and 443) are fetched, not port 8080.");
    expect(urlProblem("ftp://example.com/")?.message).toBe("Only web addresses (http or https) can be fetched, not ftp:.");
  });
});

describe("URLs accepted at the URL stage", () => {
  it.each([
    "http://93.184.215.14/",
    "https://93.184.215.14/page?q=1#top",
    "http://[2606:4700::1111]/",
    "https://[2606:4700:4700::1111]:443/",
    "http://[::ffff:93.184.215.14]/",
    "http://1.1.1.1:80/",
    "https://example.com/",
    "http://example.com:443/",
    "HTTPS://EXAMPLE.com/Path",
    "http://localhost.example/",
    "http://metadata.example/",
  ])("%s", (url) => {
    expect(urlProblem(url)).toBeNull();
  });

  it("says what it found", () => {
    expect(checkUrl("https://Example.COM/a")).toMatchObject({ host: "example.com", port: 443, isAddress: false, allowed: false });
    expect(checkUrl("http://[2606:4700::1111]/")).toMatchObject({ host: "2606:4700::1111", port: 80, isAddress: true });
    expect(FETCH_LIMITS.ports).toEqual([80, 443]);
  });
});

describe("address classes", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:169.254.169.254", "cloudMetadata"],
    ["169.254.169.254", "cloudMetadata"],
    ["fd00:ec2::254", "cloudMetadata"],
    ["168.63.129.16", "cloudMetadata"],
    ["10.1.2.3", "private"],
    ["100.64.0.1", "carrierGradeNat"],
    ["fc00::1", "uniqueLocal"],
    ["fe80::1", "linkLocal"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["::7f00:1", "ipv4Compatible"],
    ["64:ff9b::7f00:1", "rfc6052"],
    ["2002:7f00:1::", "6to4"],
    ["2001::1", "teredo"],
    ["not an address", "invalid"],
  ])("%s is %s", (ip, range) => expect(addressProblem(ip)).toBe(range));

  it.each(["93.184.215.14", "1.1.1.1", "2606:4700::1111", "::ffff:93.184.215.14", "8.8.8.8"])("%s is public", (ip) => expect(addressProblem(ip)).toBeNull());

  it("knows which names to refuse", () => {
    for (const name of ["localhost", "LocalHost.", "a.b.localhost", "metadata", "metadata.google.internal."]) expect(isRefusedHostname(name)).toBe(true);
    for (const name of ["localhost.example", "mylocalhost", "metadata.example", "example.com"]) expect(isRefusedHostname(name)).toBe(false);
  });

  it("refuses a name when any one of its addresses is private", () => {
    const target = checkUrl("http://mixed.example/");
    expect(() => checkResolvedAddresses(target, ["93.184.215.14", "127.0.0.1"])).toThrow(expect.objectContaining({ code: "private-address" }));
    expect(() => checkResolvedAddresses(target, ["2606:4700::1111", "fd00::1"])).toThrow(expect.objectContaining({ code: "private-address" }));
    expect(() => checkResolvedAddresses(target, [])).toThrow(expect.objectContaining({ code: "not-found" }));
    expect(() => checkResolvedAddresses(target, ["93.184.215.14", "2606:4700::1111"])).not.toThrow();
  });
});

describe("LINKPRESS_FETCH_ALLOW", () => {
  it("parses host:port entries, normalised as URL hosts", () => {
    const { allowed, invalid } = parseFetchAllowList(" intranet.example:8080, 127.0.0.1:4321,[::1]:8080 ,WIKI.Example:80,0x7f.1:9000,,");
    expect([...allowed]).toEqual(["intranet.example:8080", "127.0.0.1:4321", "[::1]:8080", "wiki.example:80", "127.0.0.1:9000"]);
    expect(invalid).toEqual([]);
  });

  it("ignores what is not host:port", () => {
    expect(parseFetchAllowList(undefined)).toEqual({ allowed: new Set(), invalid: [] });
    const { allowed, invalid } = parseFetchAllowList("intranet.example,*:80,user@host:80,http://a:80,a:0,a:65536,::1:80,[::1],a:80/path,[zz]:80");
    expect(allowed.size).toBe(0);
    expect(invalid).toHaveLength(10);
  });

  it("opens exactly the host and port listed, as the URL writes them", () => {
    const { allowed } = parseFetchAllowList("127.0.0.1:4321,[::1]:8080,intranet.example:8080,localhost:3000");
    expect(urlProblem("http://127.0.0.1:4321/x", allowed)).toBeNull();
    expect(urlProblem("http://127.1:4321/", allowed)).toBeNull();
    expect(urlProblem("http://[::1]:8080/", allowed)).toBeNull();
    expect(urlProblem("https://intranet.example:8080/", allowed)).toBeNull();
    expect(urlProblem("http://localhost:3000/", allowed)).toBeNull();
    expect(checkUrl("http://127.0.0.1:4321/", allowed).allowed).toBe(true);

    expect(urlProblem("http://127.0.0.1:4322/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://127.0.0.1/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://[::1]:8081/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://localhost:3001/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://localhost.:3000/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://intranet.example:8081/", allowed)?.code).toBe("port");
    expect(urlProblem("http://user:pw@127.0.0.1:4321/", allowed)?.code).toBe("credentials");
    expect(urlProblem("ftp://127.0.0.1:4321/", allowed)?.code).toBe("scheme");
  });

  it("lets an allowed name resolve to a private address, and nothing else", () => {
    const { allowed } = parseFetchAllowList("127.0.0.1:4321,intranet.example:8080");
    expect(() => checkResolvedAddresses(checkUrl("http://intranet.example:8080/", allowed), ["10.0.0.5"])).not.toThrow();
    // The address is listed, but the URL names a host that is not: the name's answer is checked as usual.
    expect(() => checkResolvedAddresses(checkUrl("http://sneaky.example/", allowed), ["127.0.0.1"])).toThrow(
      expect.objectContaining({ code: "private-address" }),
    );
    expect(urlProblem("http://sneaky.example:4321/", allowed)?.code).toBe("port");
  });

  it("never opens a cloud metadata address, listed or not", () => {
    const { allowed } = parseFetchAllowList("169.254.169.254:80,[fd00:ec2::254]:80,cloud.example:80");
    expect(urlProblem("http://169.254.169.254/", allowed)?.code).toBe("private-address");
    expect(urlProblem("http://[fd00:ec2::254]/", allowed)?.code).toBe("private-address");
    expect(() => checkResolvedAddresses(checkUrl("http://cloud.example/", allowed), ["169.254.169.254"])).toThrow(
      expect.objectContaining({ code: "private-address" }),
    );
  });
});
