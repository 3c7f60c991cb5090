// The same bad value, fed to every door a post comes in by, is refused by the same rule (lib/posts/rules.ts) and
// leaves nothing behind. A new door (the REST API, Micropub) is one more entry in DOORS; a new rule one more in CASES.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { savePostAction } from "@/app/(admin)/admin/posts/actions";
import { POST as createPostRoute } from "@/app/api/v1/posts/route";
import { POST as micropubRoute } from "@/app/micropub/route";
import { prisma } from "@/lib/db";
import { importItems } from "@/lib/import/bulk-writer";
import { itemFromFile, readImportItems, type ItemSource } from "@/lib/import/read";
import type { ImportOptions } from "@/lib/import/schema";
import { serializeBookmarksHtml } from "@/lib/link-format/bookmarks";
import { parseLinkPost, serializeLinkPost } from "@/lib/link-format/front-matter";
import { LIMITS } from "@/lib/posts/rules";
import { tagRenameSchema } from "@/lib/tags/schema";
import { createApiToken } from "@/lib/tokens/mutations";
import { linkPostDocument } from "../support/link-post-document";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";

// The post form's action is called as Next would call it: the session comes from the (mocked) cookie.
const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.45", "one-rule-every-door"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

/** A post as every door can express it; `summary` carries a marker (Micropub's summary is the TL;DR), so "nothing was written" is one count. */
type Post = { title: string; url: string; via: string; tags: string[]; source: string; date: string; summary: string };

type DoorKey = "form" | "parser" | "importer" | "bookmark" | "api" | "micropub";
type Door = {
  key: DoorKey;
  name: string;
  /** The refusal's text (a form's field errors each after their field's name), or null when the door took the post. */
  submit: (post: Post) => Promise<string | null>;
};

const SKIP: ImportOptions = { onDuplicate: "skip", asDraft: false, dryRun: false };
let editor: TestUser & { sessionId: string };
let editorToken: string;

async function importedRefusal(source: ItemSource): Promise<string | null> {
  const report = await importItems(editor, source, SKIP);
  const failed = report.rows.find((row) => row.outcome === "failed");
  return failed ? (failed.reason ?? "failed without a reason") : null;
}

const DOORS: Door[] = [
  {
    key: "form",
    name: "the post form (savePostAction)",
    async submit(post) {
      request.sessionId = editor.sessionId;
      const data = new FormData();
      const fields = {
        title: post.title,
        externalUrl: post.url,
        via: post.via,
        source: post.source,
        tags: post.tags.join(", "),
        publishedAt: post.date,
        tldr: "",
        summary: post.summary,
        commentary: "",
        slug: "",
        intent: "publish",
      };
      for (const [key, value] of Object.entries(fields)) data.set(key, value);
      try {
        const state = await savePostAction({ status: "idle" }, data);
        if (state.status !== "error") return null;
        const fieldErrors = Object.entries(state.fieldErrors ?? {}).flatMap(([field, messages]) => (messages ?? []).map((message) => `${field}: ${message}`));
        return [state.message, ...fieldErrors].join(" | ");
      } catch (error) {
        // Success ends in Next's redirect to the saved post.
        if (String((error as { digest?: string }).digest).startsWith("NEXT_REDIRECT")) return null;
        throw error;
      } finally {
        request.sessionId = null;
      }
    },
  },
  {
    key: "parser",
    name: "the link-post file parser (parseLinkPost)",
    async submit(post) {
      const parsed = parseLinkPost(serializeLinkPost(document(post)), "post.md");
      return parsed.ok ? null : parsed.error;
    },
  },
  {
    key: "importer",
    name: "the importer (a link-post file through importItems)",
    submit: (post) => importedRefusal({ total: 1, items: [itemFromFile("post.md", serializeLinkPost(document(post)))] }),
  },
  {
    key: "bookmark",
    name: "the bookmark importer (a bookmark file through importItems)",
    async submit(post) {
      const html = serializeBookmarksHtml([{ title: post.title, url: post.url, addDate: new Date(post.date), tags: post.tags, description: post.summary }]);
      return importedRefusal(await readImportItems({ kind: "bookmarks", data: new TextEncoder().encode(html), name: "bookmarks.html" }));
    },
  },
  {
    key: "api",
    name: "the REST API (POST /api/v1/posts with a token)",
    async submit(post) {
      const body = { title: post.title, url: post.url, via: post.via, source: post.source, tags: post.tags, publishedAt: post.date, summary: post.summary };
      const response = await createPostRoute(
        new Request("http://localhost/api/v1/posts", {
          method: "POST",
          headers: { authorization: `Bearer ${editorToken}`, "content-type": "application/json" },
          body: JSON.stringify({ ...body, status: "published" }),
        }),
        { params: Promise.resolve({}) },
      );
      if (response.status === 201) return null;
      const problem = (await response.json()) as { detail: string; errors?: { field: string; message: string }[] };
      return [problem.detail, ...(problem.errors ?? []).map((error) => `${error.field}: ${error.message}`)].join(" | ");
    },
  },
  {
    key: "micropub",
    name: "Micropub (a form-encoded h-entry to /micropub with a token)",
    async submit(post) {
      const body = new URLSearchParams({ h: "entry", name: post.title, "bookmark-of": post.url, published: post.date, summary: post.summary });
      for (const tag of post.tags) body.append("category[]", tag);
      const response = await micropubRoute(
        new Request("http://localhost/micropub", { method: "POST", headers: { authorization: `Bearer ${editorToken}` }, body }),
      );
      if (response.status === 201) return null;
      const error = (await response.json()) as { error: string; error_description: string };
      return `${error.error}: ${error.error_description}`;
    },
  },
];

/** Posts carrying this post's marker, as its summary or (from Micropub) its TL;DR. */
const written = (post: Post) => prisma.post.count({ where: { OR: [{ summary: post.summary }, { tldr: post.summary }] } });

function document(post: Post) {
  return linkPostDocument({
    title: post.title,
    externalUrl: post.url,
    viaUrl: post.via || null,
    tags: post.tags,
    source: post.source,
    date: post.date,
    summary: post.summary,
  });
}

type Case = {
  name: string;
  bad: (post: Post) => Partial<Post>;
  /** What every door's refusal says: the same text, or the same rule in the door's words. */
  refusal: RegExp;
  /** Doors that cannot carry the value at all, and why (no test is made for them). */
  cannotCarry?: Partial<Record<DoorKey, string>>;
};

const CASES: Case[] = [
  {
    name: "an article URL that is not http(s): javascript:alert(1)",
    bad: () => ({ url: "javascript:alert(1)" }),
    // The bookmark reader skips such a link before the plan sees it, naming the same rule.
    refusal: /Only http:\/\/ and https:\/\/ URLs can be linked|not an http\(s\) URL/,
  },
  {
    name: `an article URL over ${LIMITS.url} characters`,
    bad: (post) => ({ url: `${post.url}?q=${"a".repeat(LIMITS.url)}` }),
    refusal: new RegExp(`The URL is longer than ${LIMITS.url} characters\\.`),
  },
  {
    name: "a via that is not http(s): javascript:alert(1)",
    bad: () => ({ via: "javascript:alert(1)" }),
    // The article URL's rule, on the via field (the form) or its key (files).
    refusal: /via: Only http:\/\/ and https:\/\/ URLs can be linked\./,
    cannotCarry: { bookmark: "a bookmark has no via", micropub: "an h-entry has no via" },
  },
  {
    name: `a via over ${LIMITS.url} characters`,
    bad: (post) => ({ via: `${post.via}?q=${"a".repeat(LIMITS.url)}` }),
    refusal: new RegExp(`via: The URL is longer than ${LIMITS.url} characters\\.`),
    cannotCarry: { bookmark: "a bookmark has no via", micropub: "an h-entry has no via" },
  },
  {
    name: "a title over the limit",
    bad: () => ({ title: "t".repeat(LIMITS.title + 1) }),
    refusal: new RegExp(`title is too long: ${LIMITS.title + 1} characters, the limit is ${LIMITS.title}`, "i"),
  },
  {
    name: "a title over the limit in emoji (each one character at every door)",
    bad: () => ({ title: "🚀".repeat(LIMITS.title + 1) }),
    refusal: new RegExp(`title is too long: ${LIMITS.title + 1} characters, the limit is ${LIMITS.title}`, "i"),
  },
  {
    name: "a source over the limit",
    bad: () => ({ source: "s".repeat(LIMITS.sourceName + 1) }),
    refusal: new RegExp(`source (name )?is too long: ${LIMITS.sourceName + 1} characters, the limit is ${LIMITS.sourceName}`, "i"),
    cannotCarry: { bookmark: "a bookmark has no source", micropub: "an h-entry has no source" },
  },
  {
    name: "a tag over the limit",
    bad: () => ({ tags: ["kubernetes", "x".repeat(LIMITS.tagName + 1)] }),
    refusal: new RegExp(
      `tag.* (can be at most ${LIMITS.tagName} characters|is too long: ${LIMITS.tagName + 1} characters, the limit is ${LIMITS.tagName})`,
      "i",
    ),
  },
  {
    name: "a tag with a comma",
    bad: () => ({ tags: ["kubernetes", "a,b"] }),
    refusal: /tag 'a,b' cannot contain a comma: the post form separates tags with commas/,
    cannotCarry: {
      form: "the tag field separates tags with commas: 'a,b' is two tags",
      bookmark: 'TAGS="a,b" separates tags with commas',
      parser: "the file format carries any text; the tag-name rule is the importer's",
    },
  },
  {
    name: "a tag without a letter or digit",
    bad: () => ({ tags: ["kubernetes", "!!!"] }),
    refusal: /tag .!!!.* needs at least one letter or digit/,
    cannotCarry: { parser: "the file format carries any text; the tag-name rule is the importer's" },
  },
  {
    name: "a NUL byte in the title",
    bad: () => ({ title: "A\u0000title" }),
    refusal: /title contains an invisible control character \(U\+0000\); remove it/i,
    cannotCarry: { parser: "the file format carries any text; the character rule is the importer's" },
  },
  {
    name: "an impossible date (30 February)",
    bad: () => ({ date: "2026-02-30T10:00:00Z" }),
    refusal: /Enter a date and time|date '2026-02-30T10:00:00Z' is not an ISO 8601 date-time/,
    cannotCarry: { bookmark: "ADD_DATE is a number of seconds" },
  },
  {
    name: "a date before 1970",
    bad: () => ({ date: "1969-12-31T23:59:59Z" }),
    refusal: /between 1970 and 9999/,
    cannotCarry: { bookmark: "ADD_DATE has no sign" },
  },
];

describeDatabase("one rule at every door", () => {
  beforeAll(async () => {
    const user = await createTestUser("EDITOR");
    const session = await signInWithPassword(user.email, user.password, {});
    editor = { ...user, sessionId: session!.sessionId };
    editorToken = (await createApiToken(user, user.id, { name: unique("door"), scopes: ["posts:read", "posts:write", "posts:publish"], days: 1 })).secret;
  });

  const valid = (): Post => {
    const marker = unique("door");
    return {
      title: `One rule ${marker}`,
      url: `https://example.com/one-rule/${marker}`,
      via: `https://news.example.net/item/${marker}`,
      tags: ["kubernetes"],
      source: "Example Blog",
      date: "2025-04-25T10:30:00Z",
      summary: marker,
    };
  };

  for (const door of DOORS) {
    describe(door.name, () => {
      it("takes a valid post", async () => {
        const post = valid();
        expect(await door.submit(post)).toBeNull();
        // The doors that store a post and can carry a via keep it (the parser stores nothing; a bookmark has no via).
        if (door.key === "form" || door.key === "importer" || door.key === "api") {
          expect((await prisma.post.findFirst({ where: { summary: post.summary }, select: { viaUrl: true } }))?.viaUrl).toBe(post.via);
        }
        if (door.key === "micropub") expect(await written(post)).toBe(1);
      });

      for (const rule of CASES.filter((one) => !one.cannotCarry?.[door.key])) {
        it(`refuses ${rule.name}, writing nothing`, async () => {
          const post = valid();
          const refusal = await door.submit({ ...post, ...rule.bad(post) });
          expect(refusal).toMatch(rule.refusal);
          expect(await written(post)).toBe(0);
        });
      }
    });
  }

  // The doors that store a post from typed text complete an address without a scheme and give an emoji-only title a
  // slug from the article's host and the date, by the same rules (withScheme, postSlugBase).
  for (const door of DOORS.filter((one) => one.key === "form" || one.key === "importer" || one.key === "api")) {
    it(`${door.name}: completes a URL without https:// and slugs an emoji-only title from the host and date`, async () => {
      const post = valid();
      const typed = post.url.replace(/^https:\/\//, "");
      expect(await door.submit({ ...post, title: "🚀🎉", url: typed, via: post.via.replace(/^https:\/\//, "") })).toBeNull();
      const stored = await prisma.post.findFirst({ where: { summary: post.summary }, select: { externalUrl: true, viaUrl: true, slug: true } });
      expect(stored).toMatchObject({ externalUrl: post.url, viaUrl: post.via });
      expect(stored?.slug).toMatch(/^example-com-2025-04-25(-\d+)?$/);
    });
  }

  it("the tag screen refuses a tag with a comma by the same rule", () => {
    const result = tagRenameSchema.safeParse({ tagId: "t1", name: "a,b", slug: "" });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join()).toMatch(/cannot contain a comma: the post form separates tags with commas/);
  });
});
