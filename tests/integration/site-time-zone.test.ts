// The site's time zone through the real doors: the settings form's action (admins only, announced to the public
// cache), the post form's action (its offset-less publish date read in the zone, daylight-saving changes refused or
// chosen), the REST API (an ISO date with an offset stays the instant it names) and the dates readers see.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from "vitest";
import * as postsRoute from "@/app/api/v1/posts/route";
import { prisma } from "@/lib/db";
import { formatDay } from "@/lib/format";
import { postFormValues } from "@/lib/posts/form-values";
import { getPostForEditing } from "@/lib/posts/queries";
import { readArchiveMonths, readPostList, readSiteSettings } from "@/lib/cache/public-reads";
import { savePost } from "@/lib/posts/mutations";
import { updateSiteSettings } from "@/lib/settings/mutations";
import { getSiteSettings, getSiteTimeZone } from "@/lib/settings/queries";
import type { SiteSettings } from "@/lib/settings/schema";
import { createApiToken } from "@/lib/tokens/mutations";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";
import { testPostInput } from "../support/post-input";

const session = vi.hoisted(() => ({ id: null as string | null, announcements: 0 }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.id ? { sessionId: session.id } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.45", "time-zone"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);
vi.mock("@/lib/cache/public-content", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/cache/public-content")>();
  return {
    ...original,
    revalidatePublicContent: () => {
      session.announcements += 1;
      original.revalidatePublicContent();
    },
  };
});

const settingsActions = () => import("@/app/(admin)/admin/settings/actions");
const postActions = () => import("@/app/(admin)/admin/posts/actions");

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

type ActionResult = { status?: string; fieldErrors?: Record<string, string[]> } | undefined;

/** Runs the post form's action: the saved post's id (from the redirect to its edit page), or the error state. */
async function submitPost(fields: Record<string, string>): Promise<{ id: string } | { state: ActionResult }> {
  const { savePostAction } = await postActions();
  const id = unique("tz");
  try {
    const state = (await savePostAction(
      { status: "idle" },
      form({
        intent: "draft",
        title: `Zone ${id}`,
        externalUrl: `https://zone.example.com/${id}`,
        source: "",
        tags: "",
        tldr: "",
        summary: "",
        commentary: "",
        slug: "",
        ...fields,
      }),
    )) as ActionResult;
    return { state };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? error);
    const match = /\/admin\/posts\/([^/]+)\/edit/.exec(digest);
    if (!match) throw error;
    return { id: match[1] };
  }
}

async function storedPublishDate(result: { id: string } | { state: ActionResult }): Promise<string | undefined> {
  if (!("id" in result)) throw new Error(`The save was refused: ${JSON.stringify(result.state)}`);
  return (await prisma.post.findUniqueOrThrow({ where: { id: result.id }, select: { publishedAt: true } })).publishedAt?.toISOString();
}

describeDatabase("the site's time zone", () => {
  let admin: TestUser & { sessionId: string };
  let editor: TestUser & { sessionId: string };
  let original: SiteSettings;

  async function signedIn(role: "ADMIN" | "EDITOR") {
    const user = await createTestUser(role);
    return { ...user, sessionId: (await signInWithPassword(user.email, user.password, {}))!.sessionId };
  }

  async function chooseZone(timeZone: string) {
    session.id = admin.sessionId;
    const { saveSiteSettingsAction } = await settingsActions();
    const settings = await getSiteSettings();
    const state = await saveSiteSettingsAction(
      { status: "idle" },
      form({
        ...settings,
        postsPerPage: String(settings.postsPerPage),
        revisionsPerPost: String(settings.revisionsPerPost ?? ""),
        websubHubUrl: settings.websubHubUrl ?? "",
        sendWebmentions: settings.sendWebmentions ? "on" : "",
        timeZone,
      }),
    );
    session.id = editor.sessionId;
    return state;
  }

  beforeAll(async () => {
    [admin, editor] = await Promise.all([signedIn("ADMIN"), signedIn("EDITOR")]);
    original = await getSiteSettings();
  });

  beforeEach(() => {
    session.announcements = 0;
  });

  afterAll(async () => {
    await updateSiteSettings(admin, original);
  });

  it("is UTC until an admin chooses one; choosing one is audited and refreshes every public page", async () => {
    expect(["UTC", original.timeZone]).toContain(await getSiteTimeZone());
    const state = await chooseZone("Europe/London");
    expect(state).toMatchObject({ status: "success" });
    expect(await getSiteTimeZone()).toBe("Europe/London");
    expect(session.announcements).toBe(1);
    expect((await readSiteSettings()).timeZone).toBe("Europe/London");
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.update", actorId: admin.id }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(entry.details!).changed.timeZone).toEqual({ from: expect.any(String), to: "Europe/London" });
  });

  it("refuses a zone that is not an IANA name, and an editor", async () => {
    for (const timeZone of ["Mars/Olympus", "europe/london", "<script>alert(1)</script>", ""]) {
      const state = await chooseZone(timeZone);
      expect(state).toMatchObject({ status: "error", fieldErrors: { timeZone: ["Choose a time zone from the list, such as Europe/London or UTC."] } });
    }
    session.id = editor.sessionId;
    const { saveSiteSettingsAction } = await settingsActions();
    const settings = await getSiteSettings();
    const refused = await saveSiteSettingsAction(
      { status: "idle" },
      form({ ...settings, postsPerPage: "20", revisionsPerPost: "", websubHubUrl: "", sendWebmentions: "", timeZone: "Asia/Tokyo" }),
    );
    expect(refused).toMatchObject({ status: "error" });
    expect(await getSiteTimeZone()).toBe("Europe/London");
  });

  it("reads the post form's publish date in the zone and shows it back the same way", async () => {
    await chooseZone("Europe/London");
    const summer = await submitPost({ publishedAt: "2026-07-01T09:30" });
    expect(await storedPublishDate(summer)).toBe("2026-07-01T08:30:00.000Z");
    const winter = await submitPost({ publishedAt: "2026-01-15T09:30" });
    expect(await storedPublishDate(winter)).toBe("2026-01-15T09:30:00.000Z");
    const editing = await getPostForEditing((summer as { id: string }).id);
    expect(postFormValues(editing!, await getSiteTimeZone()).publishedAt).toBe("2026-07-01T09:30");
    expect(formatDay(new Date("2026-06-30T23:30:00Z"), await getSiteTimeZone())).toBe("1 Jul 2026");
  });

  it("groups the archive by the month in the zone: late on 30 June UTC is July in London", async () => {
    await chooseZone("Europe/London");
    const late = await savePost(editor, { intent: "publish", input: testPostInput("tz-archive", "Late in June", { publishedAt: "2019-06-30T23:30:00Z" }) });
    const slugsOf = async (month: number) => (await readPostList({ month: { year: 2019, month } }, 1)).items.map((post) => post.slug);
    expect(await slugsOf(7)).toContain(late.slug);
    expect(await slugsOf(6)).not.toContain(late.slug);
    expect(await readArchiveMonths()).toContainEqual(expect.objectContaining({ year: 2019, month: 7 }));
    await chooseZone("UTC");
    expect(await slugsOf(6)).toContain(late.slug);
  });

  it("refuses a wall time in the spring-forward gap with a message naming it, and saves nothing", async () => {
    await chooseZone("America/New_York");
    const before = await prisma.post.count();
    const result = await submitPost({ publishedAt: "2026-03-08T02:30" });
    expect(result).toEqual({
      state: expect.objectContaining({
        status: "error",
        fieldErrors: {
          publishedAt: [
            "2026-03-08 02:30 does not exist in America/New_York: the clocks skip that hour when summer time starts. Choose a time outside the gap.",
          ],
        },
      }),
    });
    expect(await prisma.post.count()).toBe(before);
  });

  it("asks which one for a wall time the clocks pass twice, and saves the one chosen", async () => {
    await chooseZone("America/New_York");
    const refused = await submitPost({ publishedAt: "2026-11-01T01:30" });
    expect(refused).toMatchObject({ state: { status: "error", fieldErrors: { publishedAt: [expect.stringContaining("happens twice in America/New_York")] } } });
    expect(await storedPublishDate(await submitPost({ publishedAt: "2026-11-01T01:30", publishedAtOffset: "-04:00" }))).toBe("2026-11-01T05:30:00.000Z");
    expect(await storedPublishDate(await submitPost({ publishedAt: "2026-11-01T01:30", publishedAtOffset: "-05:00" }))).toBe("2026-11-01T06:30:00.000Z");
    // An offset that is not one of the two is no answer: still refused.
    expect(await submitPost({ publishedAt: "2026-11-01T01:30", publishedAtOffset: "+09:00" })).toMatchObject({ state: { status: "error" } });
    // A leftover choice under an ordinary time changes nothing.
    expect(await storedPublishDate(await submitPost({ publishedAt: "2026-11-02T10:00", publishedAtOffset: "-04:00" }))).toBe("2026-11-02T15:00:00.000Z");
  });

  it("leaves the API's dates absolute: an offset is the instant it names, whatever the site's zone", async () => {
    await chooseZone("Asia/Tokyo");
    const token = await createApiToken(editor, editor.id, { name: unique("tz"), scopes: ["posts:read", "posts:write", "posts:publish"], days: 1 });
    const id = unique("tzapi");
    const response = await postsRoute.POST(
      new Request("http://localhost/api/v1/posts", {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ title: `API ${id}`, url: `https://zone.example.com/${id}`, publishedAt: "2026-11-01T01:30:00-04:00", status: "draft" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(201);
    expect((await response.json()).publishedAt).toBe("2026-11-01T05:30:00.000Z");
  });
});
