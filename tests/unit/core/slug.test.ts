import { describe, expect, it } from "vitest";
import { SLUG_PATTERN, firstFreeSlug, slugify } from "@/lib/slug";

describe("slugify", () => {
  it.each([
    ["Hello World", "hello-world"],
    ["Kubernetes v1.33: User Namespaces enabled by default!", "kubernetes-v1-33-user-namespaces-enabled-by-default"],
    ["  --Leading and trailing--  ", "leading-and-trailing"],
    ["a   b\t\nc", "a-b-c"],
    ["snake_case and/slashes", "snake-case-and-slashes"],
    ["ALL CAPS", "all-caps"],
    ["2026: the year", "2026-the-year"],
  ])("turns %j into %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  describe("accents", () => {
    it.each([
      ["Café crème", "cafe-creme"],
      ["Ćevapi in Niš", "cevapi-in-nis"],
      ["Über naïve façade", "uber-naive-facade"],
      ["Señor Ångström", "senor-angstrom"],
      ["Žluťoučký kůň", "zlutoucky-kun"],
      ["İstanbul", "istanbul"],
      ["ﬁle", "file"],
    ])("folds %j to %j", (title, slug) => {
      expect(slugify(title)).toBe(slug);
    });

    // Letters with a stroke or ligatures have no Unicode decomposition; they must still give a readable ASCII letter
    // instead of vanishing (which turns "Łódź" into "odz").
    it.each([
      ["Łódź Design Week", "lodz-design-week"],
      ["Paweł Łukasz", "pawel-lukasz"],
      ["Straße", "strasse"],
      ["Ørsted", "orsted"],
      ["Æsir", "aesir"],
    ])("transliterates %j to %j", (title, slug) => {
      expect(slugify(title)).toBe(slug);
    });
  });

  describe("apostrophes", () => {
    it.each([
      ["Job's", "jobs"],
      ["Job’s", "jobs"],
      ["Don't Panic", "dont-panic"],
      ["It’s the Kubernetes’ fault", "its-the-kubernetes-fault"],
    ])("removes the apostrophe without a hyphen: %j → %j", (title, slug) => {
      expect(slugify(title)).toBe(slug);
    });
  });

  describe("emoji and symbols", () => {
    it.each([
      ["Kgateway v2.1 is released! 🌟", "kgateway-v2-1-is-released"],
      ["I ❤️ Rust 🦀 & C++", "i-rust-c"],
      ["50% off — today only", "50-off-today-only"],
      ["«Quoted» “text” ¿why?", "quoted-text-why"],
      ["👍👍", ""],
      ["!!!", ""],
    ])("drops them: %j → %j", (title, slug) => {
      expect(slugify(title)).toBe(slug);
    });
  });

  it.each([
    ["Acme™ ² ﬀ", "acmetm-2-ff"],
    ["Ⅻ", "xii"],
  ])("spells out compatibility characters as ASCII: %j → %j", (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it.each(["", "   ", "\n\t"])("gives '' for an empty title %j", (title) => {
    expect(slugify(title)).toBe("");
  });

  it.each([
    "Hello World",
    "Łódź Design Week",
    "I ❤️ Rust 🦀 & C++",
    "Ça-va? Très bien!!! --- 🙂",
    "Straße",
    "x".repeat(200),
    "word ".repeat(40),
    "Deploy Distributed LLM Inference with GPUDirect RDMA over InfiniBand in Private AI",
  ])("gives a slug matching SLUG_PATTERN for %j", (title) => {
    const slug = slugify(title);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug).toMatch(/^[a-z0-9-]+$/);
  });

  describe("length", () => {
    it("keeps a slug of exactly 60 characters", () => {
      const title = "a".repeat(60);
      expect(slugify(title)).toBe(title);
    });

    it("cuts on a word boundary at most 60 characters long", () => {
      const title = "Deploy Distributed LLM Inference with GPUDirect RDMA over InfiniBand in Private AI";
      const slug = slugify(title);
      expect(slug).toBe("deploy-distributed-llm-inference-with-gpudirect-rdma-over");
      expect(slug.length).toBeLessThanOrEqual(60);
      expect(slugify(title.toLowerCase().replace(/ /g, "-")).startsWith(slug)).toBe(true);
    });

    it("never ends in a hyphen when the 60th character is one", () => {
      // "abcd-abcd-…": hyphens sit at positions 4, 9, …, 59, so the first 60 characters end with a hyphen.
      const slug = slugify(`${"abcd ".repeat(12)}efgh`);
      expect(slug).toBe(`${"abcd-".repeat(11)}abcd`);
      expect(slug).toMatch(SLUG_PATTERN);
    });

    it("does not cut a word in half when a boundary is available", () => {
      const slug = slugify(`${"word ".repeat(11)}internationalization`);
      expect(slug).toBe(`${"word-".repeat(10)}word`);
    });

    it("hard-cuts a single long word at 60 characters", () => {
      expect(slugify("x".repeat(100))).toBe("x".repeat(60));
    });

    it("hard-cuts when the only hyphen is in the first half", () => {
      const slug = slugify(`ab ${"y".repeat(100)}`);
      expect(slug).toBe(`ab-${"y".repeat(57)}`);
      expect(slug.length).toBe(60);
    });

    it("honours a custom maximum", () => {
      expect(slugify("one two three four", 10)).toBe("one-two");
      expect(slugify("one two three four", 100)).toBe("one-two-three-four");
    });
  });
});

describe("firstFreeSlug", () => {
  it("picks the base when it is free", () => {
    expect(firstFreeSlug("hello", new Set())).toBe("hello");
    expect(firstFreeSlug("hello", new Set(["hello-2", "other"]))).toBe("hello");
  });

  it("picks base-2 when the base is taken", () => {
    expect(firstFreeSlug("hello", new Set(["hello"]))).toBe("hello-2");
  });

  it("picks base-3 when base and base-2 are taken", () => {
    expect(firstFreeSlug("hello", new Set(["hello", "hello-2"]))).toBe("hello-3");
  });

  it("fills the first gap", () => {
    expect(firstFreeSlug("hello", new Set(["hello", "hello-2", "hello-4"]))).toBe("hello-3");
  });

  it("counts past 9 numerically", () => {
    const taken = new Set(["post", ...Array.from({ length: 10 }, (_, i) => `post-${i + 2}`)]);
    expect(firstFreeSlug("post", taken)).toBe("post-12");
  });

  it("never returns a taken slug and the result matches SLUG_PATTERN", () => {
    const taken = new Set(["a-b", "a-b-2"]);
    const slug = firstFreeSlug("a-b", taken);
    expect(taken.has(slug)).toBe(false);
    expect(slug).toMatch(SLUG_PATTERN);
  });
});

describe("SLUG_PATTERN", () => {
  it.each(["a", "abc", "a-b", "post-2", "2026", "v1-33-x"])("accepts %j", (slug) => {
    expect(SLUG_PATTERN.test(slug)).toBe(true);
  });

  it.each(["", "-a", "a-", "a--b", "A", "a_b", "a b", "é", "a/b", "a.b", "../x", "a\n"])("refuses %j", (slug) => {
    expect(SLUG_PATTERN.test(slug)).toBe(false);
  });
});
