import { afterEach, describe, expect, it } from "vitest";
import { bulkPostsSchema, LIMITS, parseTagList, postFormSchema, postListQuerySchema, postSubmissionSchema, type PostFormValues } from "@/lib/posts/schema";

const validForm: PostFormValues = {
  title: "Kubernetes v1.33: User Namespaces enabled by default",
  externalUrl: "https://kubernetes.io/blog/2025/04/25/userns-enabled-by-default/",
  via: "",
  source: "Kubernetes Blog",
  tags: "kubernetes, security",
  publishedAt: "",
  tldr: "",
  summary: "",
  commentary: "",
  slug: "",
};

function form(overrides: Partial<PostFormValues>) {
  return postFormSchema.safeParse({ ...validForm, ...overrides });
}

/** The messages a user sees next to one field. */
function messagesFor(overrides: Partial<PostFormValues>, field: keyof PostFormValues): string[] {
  const result = form(overrides);
  if (result.success) return [];
  return result.error.issues.filter((issue) => issue.path[0] === field).map((issue) => issue.message);
}

function parsed(overrides: Partial<PostFormValues>) {
  const result = form(overrides);
  if (!result.success) throw new Error(`expected the form to be accepted: ${JSON.stringify(result.error.issues)}`);
  return result.data;
}

describe("postFormSchema", () => {
  it("accepts a complete valid form and reports no issue", () => {
    expect(form({}).success).toBe(true);
  });

  it("refuses a form with a field missing or not a string", () => {
    const withoutTitle: Partial<typeof validForm> = { ...validForm };
    delete withoutTitle.title;
    expect(postFormSchema.safeParse(withoutTitle).success).toBe(false);
    expect(postFormSchema.safeParse({ ...validForm, tags: ["a"] }).success).toBe(false);
  });

  describe("externalUrl", () => {
    it.each([
      ["", "Enter the URL of the article."],
      ["   ", "Enter the URL of the article."],
      ["/posts/relative", "Enter a full URL starting with https:// or http://."],
      ["https://", "Enter a full URL starting with https:// or http://."],
      ["not a url", "Enter a full URL starting with https:// or http://."],
      ["javascript:alert(1)", "Only http:// and https:// URLs can be linked."],
      ["JavaScript:alert(1)", "Only http:// and https:// URLs can be linked."],
      ["ftp://example.com/file.txt", "Only http:// and https:// URLs can be linked."],
      ["data:text/html,<script>alert(1)</script>", "Only http:// and https:// URLs can be linked."],
      ["file:///etc/passwd", "Only http:// and https:// URLs can be linked."],
      ["mailto:editor@example.com", "Only http:// and https:// URLs can be linked."],
      ["https://user:pw@x.com", "Remove the user name or password from the URL."],
      ["https://user@x.com/a", "Remove the user name or password from the URL."],
      ["https://:secret@x.com/a", "Remove the user name or password from the URL."],
      ["https://intranet/page", "The URL needs a full host name, such as example.com."],
      ["http://server:8080/a", "The URL needs a full host name, such as example.com."],
    ])("refuses %j with exactly one message: %s", (externalUrl, message) => {
      expect(messagesFor({ externalUrl }, "externalUrl")).toEqual([message]);
    });

    it(`refuses a URL longer than ${LIMITS.url} characters`, () => {
      const externalUrl = `https://example.com/${"a".repeat(LIMITS.url - "https://example.com/".length + 1)}`;
      expect(externalUrl).toHaveLength(LIMITS.url + 1);
      expect(messagesFor({ externalUrl }, "externalUrl")).toContain(`The URL is longer than ${LIMITS.url} characters.`);
    });

    it(`accepts a URL of exactly ${LIMITS.url} characters`, () => {
      const externalUrl = `https://example.com/${"a".repeat(LIMITS.url - "https://example.com/".length)}`;
      expect(externalUrl).toHaveLength(LIMITS.url);
      expect(parsed({ externalUrl }).externalUrl).toBe(externalUrl);
    });

    it.each([
      "https://example.com",
      "http://example.com/a?b=1#c",
      "HTTPS://EXAMPLE.COM/Path",
      "https://sub.example.co.uk:8443/x",
      "http://localhost:3000/post",
      "https://192.168.1.10/status",
    ])("accepts %j", (externalUrl) => {
      expect(messagesFor({ externalUrl }, "externalUrl")).toEqual([]);
    });

    it("trims the URL", () => {
      expect(parsed({ externalUrl: "  https://example.com/a \n" }).externalUrl).toBe("https://example.com/a");
    });

    it("completes an address typed without a scheme with https://", () => {
      expect(parsed({ externalUrl: "kubernetes.io/blog/2026/12/03/release/" }).externalUrl).toBe("https://kubernetes.io/blog/2026/12/03/release/");
      expect(parsed({ externalUrl: " www.example.com " }).externalUrl).toBe("https://www.example.com");
    });
  });

  describe("via", () => {
    it("is optional: empty, blank or left out is none", () => {
      expect(parsed({ via: "" }).via).toBeNull();
      expect(parsed({ via: "  \n" }).via).toBeNull();
      const withoutVia: Partial<typeof validForm> = { ...validForm };
      delete withoutVia.via;
      expect(postFormSchema.parse(withoutVia).via).toBeNull();
    });

    it("is trimmed and kept as typed", () => {
      expect(parsed({ via: " https://news.ycombinator.com/item?id=1 " }).via).toBe("https://news.ycombinator.com/item?id=1");
    });

    it("gets https:// when typed without a scheme, as the article URL does", () => {
      expect(parsed({ via: "news.ycombinator.com/item?id=1" }).via).toBe("https://news.ycombinator.com/item?id=1");
    });

    it.each([
      ["javascript:alert(1)", "Only http:// and https:// URLs can be linked."],
      ["https://user:pw@x.com", "Remove the user name or password from the URL."],
      ["https://intranet/page", "The URL needs a full host name, such as example.com."],
      [`https://example.com/${"a".repeat(LIMITS.url)}`, `The URL is longer than ${LIMITS.url} characters.`],
    ])("refuses %j by the article URL's rule: %s", (via, message) => {
      expect(messagesFor({ via }, "via")).toEqual([message]);
    });
  });

  describe("title", () => {
    it.each(["", "    ", "\n\t"])("is required: %j", (title) => {
      expect(messagesFor({ title }, "title")).toEqual(["Enter a title."]);
    });

    it("is trimmed", () => {
      expect(parsed({ title: "  Hello world \n" }).title).toBe("Hello world");
    });

    it(`accepts ${LIMITS.title} characters, even with surrounding spaces`, () => {
      const title = "t".repeat(LIMITS.title);
      expect(parsed({ title: `  ${title}  ` }).title).toBe(title);
    });

    it(`refuses ${LIMITS.title + 1} characters`, () => {
      expect(messagesFor({ title: "t".repeat(LIMITS.title + 1) }, "title")).toEqual([
        `The title is too long: ${LIMITS.title + 1} characters, the limit is ${LIMITS.title}.`,
      ]);
    });
  });

  describe("tags", () => {
    it("splits on commas, trims and de-duplicates case-insensitively, keeping the first spelling", () => {
      expect(parsed({ tags: " Kubernetes , security,kubernetes,,  SECURITY , eBPF " }).tags).toEqual(["Kubernetes", "security", "eBPF"]);
    });

    it("gives no tags for an empty field", () => {
      expect(parsed({ tags: "" }).tags).toEqual([]);
      expect(parsed({ tags: " , ,, " }).tags).toEqual([]);
    });

    it(`accepts ${LIMITS.tags} tags`, () => {
      const tags = Array.from({ length: LIMITS.tags }, (_, i) => `tag${i}`);
      expect(parsed({ tags: tags.join(", ") }).tags).toEqual(tags);
    });

    it(`refuses ${LIMITS.tags + 1} tags`, () => {
      const tags = Array.from({ length: LIMITS.tags + 1 }, (_, i) => `tag${i}`).join(",");
      expect(messagesFor({ tags }, "tags")).toEqual([`A post can have at most ${LIMITS.tags} tags.`]);
    });

    it("counts tags after removing duplicates", () => {
      const tags = [...Array.from({ length: LIMITS.tags }, (_, i) => `tag${i}`), "TAG0", "Tag1"].join(",");
      expect(parsed({ tags }).tags).toHaveLength(LIMITS.tags);
    });

    it(`accepts ${LIMITS.tags} tags of ${LIMITS.tagName} characters each`, () => {
      const tags = Array.from({ length: LIMITS.tags }, (_, i) => `${i}`.padStart(LIMITS.tagName, "x"));
      expect(parsed({ tags: tags.join(", ") }).tags).toEqual(tags);
    });

    it(`refuses a tag of ${LIMITS.tagName + 1} characters`, () => {
      expect(messagesFor({ tags: `ok, ${"x".repeat(LIMITS.tagName + 1)}` }, "tags")).toEqual([`Each tag can be at most ${LIMITS.tagName} characters.`]);
    });

    it("refuses an absurdly long tag field outright", () => {
      expect(messagesFor({ tags: "a,".repeat(5000) }, "tags")).toEqual(["Too many tags."]);
    });
  });

  describe("publishedAt", () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it.each(["", "   "])("%j means no date (null)", (publishedAt) => {
      expect(parsed({ publishedAt }).publishedAt).toBeNull();
    });

    it.each([
      ["2026-05-01T09:30", "2026-05-01T09:30:00.000Z"],
      ["2026-05-01T09:30:15", "2026-05-01T09:30:15.000Z"],
      ["2026-05-01T09:30:15.250", "2026-05-01T09:30:15.250Z"],
      [" 2026-05-01T09:30 ", "2026-05-01T09:30:00.000Z"],
      ["2026-05-01T09:30:00Z", "2026-05-01T09:30:00.000Z"],
      ["2026-05-01T11:30:00+02:00", "2026-05-01T09:30:00.000Z"],
    ])("reads %j as %s", (publishedAt, iso) => {
      expect(parsed({ publishedAt }).publishedAt?.toISOString()).toBe(iso);
    });

    it("reads a datetime-local value as UTC whatever the server's time zone", () => {
      process.env.TZ = "America/New_York";
      expect(parsed({ publishedAt: "2026-05-01T09:30" }).publishedAt?.toISOString()).toBe("2026-05-01T09:30:00.000Z");
    });

    it("reads the format its own error message suggests (2026-05-01 09:30) as UTC too", () => {
      process.env.TZ = "America/New_York";
      expect(parsed({ publishedAt: "2026-05-01 09:30" }).publishedAt?.toISOString()).toBe("2026-05-01T09:30:00.000Z");
    });

    it.each([
      "garbage",
      "tomorrow",
      "2026-13-01T09:30",
      "2026-05-01T25:00",
      "2026-05-01T09:60",
      "31/02/2026",
      // Not dates at all, but the JavaScript date parser guesses a year 2001 date for them.
      "1",
      "Post 1",
      "hello 5",
      // Impossible calendar dates must not roll over into the next month.
      "2026-02-30T10:00",
      "2026-04-31T09:30",
    ])("refuses %j", (publishedAt) => {
      expect(messagesFor({ publishedAt }, "publishedAt")).toEqual(["Enter a date and time, such as 2026-05-01 09:30."]);
    });
  });

  describe("slug", () => {
    it.each([
      ["", ""],
      ["my-post", "my-post"],
      ["  My-Post-2 ", "my-post-2"],
      ["2026", "2026"],
    ])("accepts %j as %j", (slug, expected) => {
      expect(parsed({ slug }).slug).toBe(expected);
    });

    it.each(["my post", "my--post", "-post", "post-", "my_post", "café", "a/b", "../etc", "post!"])("refuses %j", (slug) => {
      expect(messagesFor({ slug }, "slug")).toEqual(["Use only lower-case letters, digits and single hyphens."]);
    });

    it(`accepts ${LIMITS.slug} characters and refuses ${LIMITS.slug + 1}`, () => {
      expect(parsed({ slug: "a".repeat(LIMITS.slug) }).slug).toHaveLength(LIMITS.slug);
      expect(messagesFor({ slug: "a".repeat(LIMITS.slug + 1) }, "slug")).toEqual([
        `The slug is too long: ${LIMITS.slug + 1} characters, the limit is ${LIMITS.slug}.`,
      ]);
    });
  });

  describe("size limits", () => {
    it.each([
      ["source", LIMITS.sourceName, `The source name is too long: ${LIMITS.sourceName + 1} characters, the limit is ${LIMITS.sourceName}.`],
      ["tldr", LIMITS.tldr, `The TL;DR is too long: ${LIMITS.tldr + 1} characters, the limit is ${LIMITS.tldr}.`],
      ["summary", LIMITS.summary, `The summary is too long: ${LIMITS.summary + 1} characters, the limit is ${LIMITS.summary}.`],
      ["commentary", LIMITS.commentary, `The commentary is too long: ${LIMITS.commentary + 1} characters, the limit is ${LIMITS.commentary}.`],
    ] as const)("%s: accepts %i characters (trimmed) and refuses one more", (field, limit, message) => {
      const atLimit = "w".repeat(limit);
      expect(parsed({ [field]: `\n ${atLimit} \n` })[field]).toBe(atLimit);
      expect(messagesFor({ [field]: `${atLimit}w` }, field)).toEqual([message]);
    });

    it.each(["source", "tldr", "summary", "commentary"] as const)("%s may be empty", (field) => {
      expect(parsed({ [field]: "   " })[field]).toBe("");
    });
  });

  it("reports every invalid field at once", () => {
    const result = form({ title: "", externalUrl: "ftp://x.com", slug: "Bad Slug", publishedAt: "garbage" });
    expect(result.success).toBe(false);
    const fields = new Set(result.error?.issues.map((issue) => issue.path[0]));
    expect(fields).toEqual(new Set(["title", "externalUrl", "slug", "publishedAt"]));
  });
});

describe("parseTagList", () => {
  it.each([
    ["", []],
    ["a", ["a"]],
    ["a,b,c", ["a", "b", "c"]],
    [" a , b ", ["a", "b"]],
    ["a,,b, ,", ["a", "b"]],
    ["Go, go, GO, gO", ["Go"]],
    ["machine   learning, Machine Learning", ["machine learning"]],
    ["  cloud\tnative ", ["cloud native"]],
    ["Ünïcode, ünïcode", ["Ünïcode"]],
    ["C++, c#, .NET", ["C++", "c#", ".NET"]],
  ])("reads %j as %j", (input, expected) => {
    expect(parseTagList(input)).toEqual(expected);
  });
});

describe("postSubmissionSchema", () => {
  it.each(["draft", "publish", "schedule", "unpublish"])("accepts the intent %j", (intent) => {
    expect(postSubmissionSchema.parse({ intent })).toEqual({ intent });
  });

  it.each([{}, { intent: "" }, { intent: "delete" }, { intent: "PUBLISH" }, { intent: 1 }])("refuses %j with its message", (input) => {
    const result = postSubmissionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toEqual(["Choose what to do with the post."]);
  });

  it("reads version as a positive integer", () => {
    expect(postSubmissionSchema.parse({ intent: "draft", postId: "abc", version: "3" })).toEqual({
      intent: "draft",
      postId: "abc",
      version: 3,
    });
  });

  it.each(["0", "-1", "1.5", "abc", ""])("refuses version %j", (version) => {
    expect(postSubmissionSchema.safeParse({ intent: "draft", version }).success).toBe(false);
  });

  it("accepts a post id of 64 characters and refuses 65", () => {
    expect(postSubmissionSchema.safeParse({ intent: "draft", postId: "p".repeat(64) }).success).toBe(true);
    expect(postSubmissionSchema.safeParse({ intent: "draft", postId: "p".repeat(65) }).success).toBe(false);
  });
});

describe("postListQuerySchema", () => {
  it("gives the defaults for an empty query", () => {
    expect(postListQuerySchema.parse({})).toEqual({ status: "all", page: 1, sort: "date", dir: "desc", size: 25 });
  });

  it("keeps a valid query", () => {
    expect(postListQuerySchema.parse({ status: "scheduled", tag: "k8s", source: "CNCF", q: "gateway", page: "4" })).toEqual({
      status: "scheduled",
      tag: "k8s",
      source: "CNCF",
      q: "gateway",
      page: 4,
      sort: "date",
      dir: "desc",
      size: 25,
    });
  });

  it.each(["all", "draft", "scheduled", "published"])("keeps status %j", (status) => {
    expect(postListQuerySchema.parse({ status }).status).toBe(status);
  });

  it.each([["bogus"], ["DRAFT"], [""], [["draft", "published"]], [42]])("falls back to 'all' for status %j", (status) => {
    expect(postListQuerySchema.parse({ status }).status).toBe("all");
  });

  it.each([["-3"], ["0"], ["abc"], ["2.5"], [""], ["100001"], [["2", "3"]], ["Infinity"]])("falls back to page 1 for %j", (page) => {
    expect(postListQuerySchema.parse({ page }).page).toBe(1);
  });

  it.each([
    ["1", 1],
    ["7", 7],
    ["100000", 100_000],
  ])("reads page %j as %i", (page, expected) => {
    expect(postListQuerySchema.parse({ page }).page).toBe(expected);
  });

  it("drops an over-long or non-string tag, source or search instead of failing", () => {
    const query = postListQuerySchema.parse({
      tag: "t".repeat(LIMITS.tagName * 2 + 1),
      source: ["a", "b"],
      q: "q".repeat(LIMITS.title + 1),
      status: "draft",
    });
    expect(query).toEqual({ status: "draft", page: 1, sort: "date", dir: "desc", size: 25 });
  });

  it("keeps tag, source and search at their length limits", () => {
    const query = postListQuerySchema.parse({
      tag: "t".repeat(LIMITS.tagName * 2),
      source: "s".repeat(LIMITS.sourceName * 2),
      q: "q".repeat(LIMITS.title),
    });
    expect(query.tag).toHaveLength(LIMITS.tagName * 2);
    expect(query.source).toHaveLength(LIMITS.sourceName * 2);
    expect(query.q).toHaveLength(LIMITS.title);
  });
});

describe("postListQuerySchema: sort, direction and page size", () => {
  it("treats empty filter fields (the filter form's 'Any') and a blank search as no filter", () => {
    expect(postListQuerySchema.parse({ tag: "", source: "", q: "   " })).toEqual({ status: "all", page: 1, sort: "date", dir: "desc", size: 25 });
  });

  it.each([
    ["date", "desc"],
    ["updated", "desc"],
    ["title", "asc"],
    ["status", "asc"],
    ["author", "asc"],
    ["source", "asc"],
  ])("sorts by %s, %s unless told otherwise", (sort, dir) => {
    expect(postListQuerySchema.parse({ sort })).toMatchObject({ sort, dir });
  });

  it("keeps an explicit direction", () => {
    expect(postListQuerySchema.parse({ sort: "title", dir: "desc" })).toMatchObject({ sort: "title", dir: "desc" });
    expect(postListQuerySchema.parse({ dir: "asc" })).toMatchObject({ sort: "date", dir: "asc" });
  });

  it.each([["createdAt"], ["TITLE"], [""], [["title", "status"]], ["id; DROP TABLE Post"]])("falls back to the publish date for sort %j", (sort) => {
    expect(postListQuerySchema.parse({ sort })).toMatchObject({ sort: "date", dir: "desc" });
  });

  it.each([["up"], ["ASC"], [""], [["asc", "desc"]]])("falls back to the column's direction for dir %j", (dir) => {
    expect(postListQuerySchema.parse({ sort: "title", dir })).toMatchObject({ dir: "asc" });
  });

  it.each([
    ["25", 25],
    ["50", 50],
    ["100", 100],
  ])("reads page size %j", (size, expected) => {
    expect(postListQuerySchema.parse({ size }).size).toBe(expected);
  });

  it.each([["10"], ["1000"], ["0"], ["-25"], ["abc"], [""], [["50", "100"]], ["50.5"]])("falls back to 25 per page for size %j", (size) => {
    expect(postListQuerySchema.parse({ size }).size).toBe(25);
  });
});

describe("bulkPostsSchema", () => {
  const base = { action: "publish", posts: ["abc123@3"], tag: "", source: "" };

  it("reads each ticked row as the post's id and the version the list showed", () => {
    expect(bulkPostsSchema.parse({ ...base, posts: ["abc123@3", "def_456@12"] }).posts).toEqual([
      { id: "abc123", version: 3 },
      { id: "def_456", version: 12 },
    ]);
  });

  it.each([[[]], [["abc"]], [["abc@"]], [["@3"]], [["a b@3"]], [["abc@3x"]], [[`${"x".repeat(65)}@1`]]])("refuses the rows %j", (posts) => {
    expect(bulkPostsSchema.safeParse({ ...base, posts }).success).toBe(false);
  });

  it("refuses more posts than the largest page and an unknown action", () => {
    expect(bulkPostsSchema.safeParse({ ...base, posts: Array.from({ length: 101 }, (_, i) => `p${i}@1`) }).success).toBe(false);
    expect(bulkPostsSchema.safeParse({ ...base, action: "delete_forever" }).success).toBe(false);
  });

  it("needs a tag to add or remove and a source to set, and refuses a tag with a comma", () => {
    expect(bulkPostsSchema.safeParse({ ...base, action: "add_tag" }).success).toBe(false);
    expect(bulkPostsSchema.safeParse({ ...base, action: "remove_tag" }).success).toBe(false);
    expect(bulkPostsSchema.safeParse({ ...base, action: "set_source" }).success).toBe(false);
    expect(bulkPostsSchema.safeParse({ ...base, action: "add_tag", tag: "a, b" }).success).toBe(false);
    expect(bulkPostsSchema.parse({ ...base, action: "add_tag", tag: "  Kubernetes " }).tag).toBe("Kubernetes");
  });
});
