import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "@/lib/posts/canonical-url";

describe("canonicalizeUrl", () => {
  describe("scheme, host and port", () => {
    it.each([
      ["HTTPS://Example.COM/Path", "https://example.com/Path"],
      ["Http://WWW.Example.com/a", "http://www.example.com/a"],
    ])("lower-cases scheme and host but keeps the path's case: %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });

    it.each([
      ["https://example.com:443/a", "https://example.com/a"],
      ["http://example.com:80/a", "http://example.com/a"],
      ["https://example.com:443/", "https://example.com/"],
    ])("removes the default port: %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });

    it.each([
      ["https://example.com:80/a", "https://example.com:80/a"],
      ["http://example.com:443/a", "http://example.com:443/a"],
      ["https://example.com:8443/a", "https://example.com:8443/a"],
    ])("keeps a non-default port: %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });

    it("trims surrounding whitespace", () => {
      expect(canonicalizeUrl("  https://example.com/a \n")).toBe("https://example.com/a");
    });
  });

  describe("fragment", () => {
    it.each([
      ["https://example.com/a#section-2", "https://example.com/a"],
      ["https://example.com/a?x=1#top", "https://example.com/a?x=1"],
      ["https://example.com/#", "https://example.com/"],
    ])("removes the fragment: %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });
  });

  describe("tracking parameters", () => {
    it.each([
      "utm_source=newsletter",
      "utm_medium=email",
      "UTM_MEDIUM=email",
      "utm_MEDIUM=email",
      "Utm_Campaign=spring",
      "utm_term=k8s",
      "utm_content=hero",
      "utm_anything_new=1",
      "fbclid=IwAR0abc",
      "FBCLID=IwAR0abc",
      "gclid=Cj0KCQ",
      "dclid=x",
      "gbraid=x",
      "wbraid=x",
      "msclkid=abc",
      "mc_cid=123",
      "mc_eid=456",
      "igshid=xyz",
      "yclid=1",
      "_hsenc=p2",
      "_hsmi=9",
      "mkt_tok=tok",
      "ref_src=twsrc",
    ])("removes %s and leaves no bare '?'", (param) => {
      expect(canonicalizeUrl(`https://example.com/article?${param}`)).toBe("https://example.com/article");
    });

    it("removes several tracking parameters at once", () => {
      expect(canonicalizeUrl("https://example.com/a?utm_source=x&utm_medium=y&fbclid=z&gclid=w#frag")).toBe("https://example.com/a");
    });

    it("keeps other parameters in their order with their values", () => {
      expect(canonicalizeUrl("https://example.com/a?b=2&utm_source=x&a=1&UTM_Medium=m&c=3")).toBe("https://example.com/a?b=2&a=1&c=3");
    });

    it("keeps repeated non-tracking parameters", () => {
      expect(canonicalizeUrl("https://example.com/a?tag=x&tag=y&fbclid=1")).toBe("https://example.com/a?tag=x&tag=y");
    });

    it("does not treat look-alike names as tracking parameters", () => {
      expect(canonicalizeUrl("https://example.com/a?utm=1&source=2&my_utm_source=3&ref=4")).toBe("https://example.com/a?utm=1&source=2&my_utm_source=3&ref=4");
    });

    it("leaves the query untouched when there is nothing to remove", () => {
      expect(canonicalizeUrl("https://example.com/s?q=a%20b&ids=1,2&flag")).toBe("https://example.com/s?q=a%20b&ids=1,2&flag");
    });

    // Two links to the same article that differ only in a tracking parameter must canonicalize to the same string.
    it.each([
      ["https://example.com/search?q=hello%20world&utm_source=tw", "https://example.com/search?q=hello%20world"],
      ["https://example.com/list?ids=1,2,3&fbclid=abc", "https://example.com/list?ids=1,2,3"],
      ["https://example.com/doc?page&gclid=abc", "https://example.com/doc?page"],
      ["https://example.com/go?to=/docs/intro&utm_medium=email", "https://example.com/go?to=/docs/intro"],
    ])("keeps the remaining values byte-for-byte when a tracking parameter is removed: %s", (withTracking, clean) => {
      expect(canonicalizeUrl(withTracking)).toBe(canonicalizeUrl(clean));
      expect(canonicalizeUrl(withTracking)).toBe(clean);
    });
  });

  describe("empty query", () => {
    it.each([
      ["https://example.com/a?", "https://example.com/a"],
      ["https://example.com/a?#top", "https://example.com/a"],
      ["https://example.com/?", "https://example.com/"],
    ])("drops a bare '?': %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });
  });

  describe("trailing slash", () => {
    it.each([
      ["https://example.com/a/", "https://example.com/a"],
      ["https://example.com/a/b/", "https://example.com/a/b"],
      ["https://example.com/a//", "https://example.com/a"],
      ["https://example.com/a/?x=1", "https://example.com/a?x=1"],
      ["https://example.com/a/#frag", "https://example.com/a"],
    ])("removes it from a non-root path: %s", (input, expected) => {
      expect(canonicalizeUrl(input)).toBe(expected);
    });

    it("makes /a/ and /a the same article", () => {
      expect(canonicalizeUrl("https://example.com/a/")).toBe(canonicalizeUrl("https://example.com/a"));
    });

    it.each(["https://x.com", "https://x.com/", "HTTPS://X.COM:443/", "https://x.com//", "https://x.com/#top", "https://x.com/?utm_source=a"])(
      "keeps the root as https://x.com/: %s",
      (input) => {
        expect(canonicalizeUrl(input)).toBe("https://x.com/");
      },
    );
  });

  describe("distinct articles stay distinct", () => {
    it.each([
      ["https://example.com/a", "https://example.com/b"],
      ["https://example.com/A", "https://example.com/a"],
      ["https://example.com/a", "https://example.com/a/b"],
      ["https://example.com/a?id=1", "https://example.com/a?id=2"],
      ["https://example.com/a?id=1", "https://example.com/a"],
      ["https://example.com/a", "https://www.example.com/a"],
      ["http://example.com/a", "https://example.com/a"],
      ["https://example.com:8443/a", "https://example.com/a"],
    ])("%s ≠ %s", (a, b) => {
      expect(canonicalizeUrl(a)).not.toBe(canonicalizeUrl(b));
    });
  });

  describe("real corpus URLs", () => {
    it.each([
      "https://www.digitalocean.com/blog/inference-router-architecture",
      "https://www.digitalocean.com/blog/technical-deep-dive-character-ai-amd",
      "https://www.redhat.com/en/blog/planning-your-upgrade-path-ansible-automation-platform-26",
    ])("stays identical: %s", (url) => {
      expect(canonicalizeUrl(url)).toBe(url);
    });

    it.each([
      "https://kubernetes.io/blog/2025/03/23/introducing-jobset/",
      "https://www.tigera.io/blog/securing-kubernetes-traffic-with-calico-ingress-gateway/",
      "https://blogs.vmware.com/cloud-foundation/2025/09/16/deploy-distributed-llm-inference-with-gpudirect-rdma-over-infiniband-in-private-ai/",
    ])("only loses its trailing slash: %s", (url) => {
      expect(canonicalizeUrl(url)).toBe(url.slice(0, -1));
    });

    it("strips the feed tracking from the corpus's CNCF bookmark", () => {
      expect(canonicalizeUrl("https://www.cncf.io/blog/2025/11/18/kgateway-v2-1-is-released/?utm_source=rss&utm_medium=feed")).toBe(
        "https://www.cncf.io/blog/2025/11/18/kgateway-v2-1-is-released",
      );
    });
  });

  it.each(["HTTPS://Example.com:443/a/b/?utm_source=x&id=7#f", "https://example.com/?", "https://example.com/s?q=a%20b&fbclid=1", "http://example.com:80//"])(
    "is idempotent: %s",
    (input) => {
      const once = canonicalizeUrl(input);
      expect(canonicalizeUrl(once)).toBe(once);
    },
  );

  it.each(["", "   ", "example.com/a", "not a url"])("throws on a value that is not an absolute URL: %j", (input) => {
    expect(() => canonicalizeUrl(input)).toThrow(TypeError);
  });
});
