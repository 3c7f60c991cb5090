import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseLinkPost, type LinkPostDocument } from "@/lib/link-format/front-matter";
import {
  diffPost,
  instantOf,
  newPostState,
  planBookmark,
  planLinkPost,
  preferredSlugFor,
  updateColumns,
  type ExistingPost,
  type ImportItem,
  type PlannedPost,
} from "@/lib/import/plan";
import { itemFromFile } from "@/lib/import/read";
import { linkPostDocument as doc } from "../../support/link-post-document";

const corpusDir = fileURLToPath(new URL("../../fixtures/corpus/", import.meta.url));

function corpusDoc(name: string): LinkPostDocument {
  const parsed = parseLinkPost(readFileSync(corpusDir + name));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.post;
}

function planned(item: ImportItem): PlannedPost {
  if (!item.ok) throw new Error(`expected a planned post, got: ${item.reason}`);
  return item.post;
}

function refused(item: ImportItem): string {
  if (item.ok) throw new Error("expected a refusal");
  return item.reason;
}

describe("instantOf", () => {
  it("keeps the instant of fixed offsets, microseconds and Z exactly", () => {
    expect(instantOf("2025-04-25T10:30:00-08:00").toISOString()).toBe("2025-04-25T18:30:00.000Z");
    expect(instantOf("2025-12-09T18:53:48.536000+00:00").toISOString()).toBe("2025-12-09T18:53:48.536Z");
    expect(instantOf("2026-07-23T20:03:12.073999+00:00").toISOString()).toBe("2026-07-23T20:03:12.073Z");
    expect(instantOf("2025-01-01 10:00+0530").toISOString()).toBe("2025-01-01T04:30:00.000Z");
    expect(instantOf("2025-01-01t10:00:00z").toISOString()).toBe("2025-01-01T10:00:00.000Z");
    // Two-digit years are not read as 19xx.
    expect(instantOf("0099-06-01T00:00:00+00:00").getUTCFullYear()).toBe(99);
  });
});

describe("planLinkPost", () => {
  it("maps the corpus fields: exact date string and instant, tags in order, source, canonical URL", () => {
    const post = planned(planLinkPost("0005.md", corpusDoc("0050-advanced-memory-tiering-enhancements-in-vmware-cloud-foundat.md")));
    expect(post.tags.map((tag) => tag.slug)).toEqual(["vmware", "cloud-foundation", "kubernetes"]);
    expect(post.source).toEqual({ name: "VMware Cloud Foundation Blog", slug: "vmware-cloud-foundation-blog" });
    expect(post.dateText).toBe(corpusDoc("0050-advanced-memory-tiering-enhancements-in-vmware-cloud-foundat.md").date);
    expect(post.draft).toBe(false);
    expect(post.extraFields).toBeNull();

    const k8s = planned(planLinkPost("x.md", corpusDoc("0007-kubernetes-v1-33-user-namespaces-enabled-by-default.md")));
    expect(k8s.dateText).toBe("2025-04-25T10:30:00-08:00");
    expect(k8s.publishedAt?.toISOString()).toBe("2025-04-25T18:30:00.000Z");
  });

  it("carries via, refused by the article URL's rule with the key named", () => {
    expect(planned(planLinkPost("x.md", doc({ viaUrl: "https://lobste.rs/s/abc" }))).viaUrl).toBe("https://lobste.rs/s/abc");
    expect(planned(planLinkPost("x.md", doc())).viaUrl).toBeNull();
    // A document that did not come through the parser meets the same rule here.
    expect(refused(planLinkPost("x.md", doc({ viaUrl: "javascript:alert(1)" })))).toBe("via: Only http:// and https:// URLs can be linked.");
    expect(refused(planLinkPost("x.md", doc({ viaUrl: `https://example.com/${"a".repeat(2048)}` })))).toBe("via: The URL is longer than 2048 characters.");
    expect(planned(planBookmark("b", { title: "T", url: "https://example.com/b", addDate: null, tags: [], description: "" })).viaUrl).toBeUndefined();
  });

  it("keeps unknown keys as JSON in file order", () => {
    const post = planned(itemFromFile("x.md", "---\ntitle: T\nexternal_url: https://example.com/x\nzeta: 1\nalpha: [a, {b: null}]\n__proto__: kept\n---\n"));
    expect(post.extraFields).toBe('{"zeta":1,"alpha":["a",{"b":null}],"__proto__":"kept"}');
  });

  it("warns when an unknown value cannot survive JSON", () => {
    const item = planLinkPost("x.md", doc({ extra: { ratio: Number.NaN } }));
    expect(item.ok && item.warnings.join()).toMatch(/cannot be kept exactly/);
  });

  it("keeps one tag per slug, with a warning", () => {
    const item = planLinkPost("x.md", doc({ tags: ["Kubernetes", "kubernetes", "AWS"] }));
    expect(planned(item).tags).toEqual([
      { name: "Kubernetes", slug: "kubernetes" },
      { name: "AWS", slug: "aws" },
    ]);
    expect(item.ok && item.warnings).toEqual(["tag 'kubernetes' is the same tag as 'Kubernetes'; kept once"]);
  });

  it.each([
    [{ tags: ["!!!"] }, /tag '!!!' needs at least one letter or digit/],
    [{ source: "…" }, /source '…' needs at least one letter or digit/],
    [{ source: "S".repeat(101) }, /source is too long: 101 characters, the limit is 100/],
    [{ kind: "k".repeat(31) }, /post_kind is too long/],
    [{ externalUrl: "https://user:secret@example.com/post" }, /external_url: Remove the user name or password/],
    [{ externalUrl: "https://intranet/post" }, /external_url: The URL needs a full host name/],
    [{ externalUrl: "ftp://example.com/post" }, /external_url: Only http:\/\/ and https:\/\//],
    [{ summary: "a\u0000b" }, /summary contains an invisible control character \(U\+0000\)/],
    [{ title: "half \ud83d emoji" }, /title contains a broken character \(an unpaired surrogate U\+D83D\)/],
    [{ tags: ["ok", "x\udc00"] }, /tag 2 contains a broken character/],
  ])("refuses %o", (overrides, reason) => {
    expect(refused(planLinkPost("x.md", doc(overrides)))).toMatch(reason);
  });

  it("prefers the slug an export gave the file, and only that", () => {
    expect(preferredSlugFor("export/a-post.md", { title: "A post", externalUrl: "https://example.com/", publishedAt: null })).toBe("a-post");
    expect(preferredSlugFor("a-post-3.md", { title: "A post", externalUrl: "https://example.com/", publishedAt: null })).toBe("a-post-3");
    expect(preferredSlugFor("0001-a-post.md", { title: "A post", externalUrl: "https://example.com/", publishedAt: null })).toBeNull();
    expect(preferredSlugFor("other.md", { title: "A post", externalUrl: "https://example.com/", publishedAt: null })).toBeNull();
    expect(preferredSlugFor("A-Post.md", { title: "A post", externalUrl: "https://example.com/", publishedAt: null })).toBeNull();
  });
});

describe("itemFromFile", () => {
  it("reports parse errors with the line apart from the message", () => {
    const item = itemFromFile("bad.md", "---\ntitle: x\ndate: 'nope'\nexternal_url: https://example.com/\n---\n");
    expect(item).toEqual({ ok: false, file: "bad.md", reason: expect.stringMatching(/^date 'nope' is not an ISO 8601/), line: 3 });
  });
});

describe("planBookmark", () => {
  it("makes a draft link post with ADD_DATE, tags and the description as summary", () => {
    const post = planned(
      planBookmark("b.html, bookmark 1", {
        title: "  Title  ",
        url: "https://example.com/a?utm_source=x",
        addDate: new Date("2025-01-02T03:04:05Z"),
        tags: ["a", "b"],
        description: "Note",
      }),
    );
    expect(post).toMatchObject({ title: "Title", draft: null, dateText: null, summary: "Note", canonicalUrl: "https://example.com/a" });
    expect(post.publishedAt?.toISOString()).toBe("2025-01-02T03:04:05.000Z");
    expect(post.tldr).toBeUndefined();
    expect(post.source).toBeUndefined();
    expect(newPostState(post, { asDraft: false }, new Date()).status).toBe("DRAFT");
  });

  it("uses the URL when the bookmark has no title", () => {
    expect(planned(planBookmark("b", { title: "", url: "https://example.com/", addDate: null, tags: [], description: "" })).title).toBe("https://example.com/");
  });
});

describe("newPostState", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const post = (overrides: Partial<LinkPostDocument>) => planned(planLinkPost("x.md", doc(overrides)));

  it("publishes with the file's date, schedules a future one, drafts on draft: true or --as-draft", () => {
    expect(newPostState(post({ date: "2025-04-25T10:30:00-08:00" }), { asDraft: false }, now)).toEqual({
      status: "PUBLISHED",
      publishedAt: new Date("2025-04-25T18:30:00Z"),
    });
    expect(newPostState(post({ date: "2027-01-01T00:00:00+00:00" }), { asDraft: false }, now).status).toBe("SCHEDULED");
    expect(newPostState(post({ draft: true }), { asDraft: false }, now)).toEqual({ status: "DRAFT", publishedAt: new Date("2025-04-25T18:30:00Z") });
    expect(newPostState(post({}), { asDraft: true }, now).status).toBe("DRAFT");
    expect(newPostState(post({ date: null }), { asDraft: false }, now)).toEqual({ status: "PUBLISHED", publishedAt: now });
  });
});

describe("diffPost and updateColumns", () => {
  const now = new Date("2026-01-01T00:00:00Z");
  const file = planned(planLinkPost("x.md", doc()));
  const stored: ExistingPost = {
    id: "p1",
    title: "A post",
    externalUrl: "https://kubernetes.io/blog/a-post/",
    viaUrl: null,
    tldr: "Short.",
    summary: "Longer.",
    commentary: "",
    kind: "link",
    status: "PUBLISHED",
    publishedAt: new Date("2025-04-25T18:30:00Z"),
    dateText: "2025-04-25T10:30:00-08:00",
    extraFields: null,
    version: 3,
    source: { slug: "kubernetes-blog" },
    tags: [{ tag: { slug: "kubernetes" } }],
  };

  it("finds nothing to change for the same values", () => {
    expect(diffPost(stored, file, { asDraft: false })).toEqual([]);
  });

  it("names every field that differs", () => {
    const changed = planned(
      planLinkPost("x.md", doc({ title: "New", tags: ["aws"], source: null, draft: true, date: "2025-04-25T18:30:00+00:00", extra: { a: 1 } })),
    );
    expect(diffPost(stored, changed, { asDraft: false })).toEqual(["title", "source", "tags", "extra fields", "draft", "date"]);
    // --as-draft leaves the status of existing posts alone.
    expect(diffPost(stored, changed, { asDraft: true })).not.toContain("draft");
  });

  it("compares a UI post's date by the ISO string an export writes for it", () => {
    const uiPost = { ...stored, dateText: null };
    expect(diffPost(uiPost, planned(planLinkPost("x.md", doc({ date: "2025-04-25T18:30:00+00:00" }))), { asDraft: false })).toEqual([]);
  });

  it("writes only the differing columns and recomputes status from draft and date", () => {
    const changed = planned(planLinkPost("x.md", doc({ summary: "Changed", date: "2027-01-01T00:00:00+00:00" })));
    const fields = diffPost(stored, changed, { asDraft: false });
    expect(updateColumns(stored, changed, fields, { asDraft: false }, now)).toEqual({
      summary: "Changed",
      status: "SCHEDULED",
      publishedAt: new Date("2027-01-01T00:00:00Z"),
      dateText: "2027-01-01T00:00:00+00:00",
    });
    const drafted = planned(planLinkPost("x.md", doc({ draft: true })));
    expect(updateColumns(stored, drafted, diffPost(stored, drafted, { asDraft: false }), { asDraft: false }, now)).toEqual({
      status: "DRAFT",
      publishedAt: stored.publishedAt,
      dateText: stored.dateText,
    });
  });

  it("adds, changes and removes via as the file says", () => {
    const withVia = planned(planLinkPost("x.md", doc({ viaUrl: "https://lobste.rs/s/abc" })));
    expect(diffPost(stored, withVia, { asDraft: false })).toEqual(["via"]);
    expect(updateColumns(stored, withVia, ["via"], { asDraft: false }, now)).toEqual({ viaUrl: "https://lobste.rs/s/abc" });
    const storedWithVia = { ...stored, viaUrl: "https://lobste.rs/s/abc" };
    expect(diffPost(storedWithVia, withVia, { asDraft: false })).toEqual([]);
    expect(diffPost(storedWithVia, file, { asDraft: false })).toEqual(["via"]);
    expect(updateColumns(storedWithVia, file, ["via"], { asDraft: false }, now)).toEqual({ viaUrl: null });
  });

  it("updates a bookmark's fields without touching status, TL;DR or source", () => {
    const bookmark = planned(planBookmark("b", { title: "Renamed", url: stored.externalUrl, addDate: null, tags: ["kubernetes"], description: "Longer." }));
    const fields = diffPost(stored, bookmark, { asDraft: false });
    expect(fields).toEqual(["title"]);
    expect(updateColumns(stored, bookmark, fields, { asDraft: false }, now)).toEqual({ title: "Renamed" });
    // A bookmark cannot say where the link was found, so a stored via stays.
    expect(diffPost({ ...stored, viaUrl: "https://lobste.rs/s/abc" }, bookmark, { asDraft: false })).toEqual(["title"]);
  });
});
