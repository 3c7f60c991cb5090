import { afterAll, beforeAll, expect, it } from "vitest";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { readPostList } from "@/lib/cache/public-reads";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { feedResponse } from "@/lib/feeds/response";
import { savePost } from "@/lib/posts/mutations";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";
import { postFormSchema } from "@/lib/posts/schema";
import { updateSiteSettings } from "@/lib/settings/mutations";
import { getSiteSettings } from "@/lib/settings/queries";
import { siteSettingsSchema, SITE_SETTING_KEYS, type SiteSettings } from "@/lib/settings/schema";
import { createTestUser, describeDatabase, unique, type TestUser } from "../support/database";

const valid = {
  title: "Links & Things",
  description: "Curated reading.",
  url: "https://links.example.com/",
  language: "pt-BR",
  postsPerPage: "5",
  timeZone: "UTC",
};

describeDatabase("site settings", () => {
  let admin: TestUser;
  let editor: TestUser;
  let original: SiteSettings;

  beforeAll(async () => {
    [admin, editor] = await Promise.all([createTestUser("ADMIN"), createTestUser("EDITOR")]);
    original = await getSiteSettings();
  });

  afterAll(async () => {
    await updateSiteSettings(admin, original);
    revalidatePublicContent();
  });

  it("validates and normalises the form", () => {
    expect(siteSettingsSchema.parse(valid)).toEqual({
      ...valid,
      url: "https://links.example.com",
      postsPerPage: 5,
      revisionsPerPost: null,
      websubHubUrl: null,
      sendWebmentions: false,
    });
    const bad = siteSettingsSchema.safeParse({
      title: " ",
      description: "x".repeat(301),
      url: "javascript:alert(1)",
      language: "english please",
      postsPerPage: "500",
    });
    expect(bad.success).toBe(false);
    expect(Object.keys(bad.error!.flatten().fieldErrors).sort()).toEqual(["description", "language", "postsPerPage", "title", "url"]);
    expect(siteSettingsSchema.safeParse({ ...valid, url: "https://user:pw@links.example.com" }).success).toBe(false);
    expect(siteSettingsSchema.safeParse({ ...valid, url: "https://links.example.com/?q=1" }).success).toBe(false);
    expect(siteSettingsSchema.safeParse({ ...valid, postsPerPage: "7.5" }).success).toBe(false);
  });

  it("refuses editors and writes nothing", async () => {
    const before = await prisma.setting.count({ where: { key: { in: Object.values(SITE_SETTING_KEYS) } } });
    const attempt = updateSiteSettings(editor, siteSettingsSchema.parse({ ...valid, title: "Hijacked" }));
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    await expect(attempt).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getSiteSettings()).title).not.toBe("Hijacked");
    expect(await prisma.setting.count({ where: { key: { in: Object.values(SITE_SETTING_KEYS) } } })).toBe(before);
  });

  it("saves an admin's settings, records what changed in the audit log, and pages and feeds use them", async () => {
    const title = `Links ${unique()}`;
    const { changed } = await updateSiteSettings(admin, siteSettingsSchema.parse({ ...valid, title }));
    expect(changed).toContain("title");
    expect(await getSiteSettings()).toEqual({
      ...valid,
      title,
      url: "https://links.example.com",
      postsPerPage: 5,
      revisionsPerPost: null,
      websubHubUrl: null,
      sendWebmentions: false,
    });

    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.update", actorId: admin.id }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(entry.details!).changed.title).toEqual({ from: expect.any(String), to: title });

    const tag = unique("settings");
    const user = await createTestUser("EDITOR");
    for (let i = 0; i < 6; i++) {
      await savePost(user, {
        intent: "publish",
        input: postFormSchema.parse({ ...EMPTY_POST_FORM, title: `Settings post ${i}`, externalUrl: `https://settings.example.com/${tag}/${i}`, tags: tag }),
      });
    }
    revalidatePublicContent();
    const page = await readPostList({ tagSlug: tag }, 1);
    expect(page.items).toHaveLength(5);
    expect(page.pageCount).toBe(2);

    const feed = await (await feedResponse(new Request("http://test.local/"), { kind: "tag", slug: tag }, "json")).json();
    expect(feed.title).toBe(`${title}: #${tag}`);
    expect(feed.language).toBe("pt-BR");
    expect(feed.home_page_url).toBe(`https://links.example.com/tags/${tag}`);
    expect(feed.items[0].url).toMatch(/^https:\/\/links\.example\.com\/posts\//);
  });

  it("validates the WebSub hub like other addresses (blank is none) and the Webmention checkbox, and audits their change", async () => {
    // The other settings as the test before left them, so only these two change.
    const base = { ...valid, title: (await getSiteSettings()).title };
    expect(siteSettingsSchema.parse(valid)).toMatchObject({ websubHubUrl: null, sendWebmentions: false });
    expect(siteSettingsSchema.parse({ ...valid, websubHubUrl: " hub.example.com/publish ", sendWebmentions: "on" })).toMatchObject({
      websubHubUrl: "https://hub.example.com/publish",
      sendWebmentions: true,
    });
    expect(siteSettingsSchema.parse({ ...valid, websubHubUrl: "https://hüb.example.com/ä" }).websubHubUrl).toBe("https://xn--hb-xka.example.com/%C3%A4");
    for (const websubHubUrl of ["javascript:alert(1)", "https://user:pw@hub.example.com", "ftp://hub.example.com", "not a url"]) {
      const result = siteSettingsSchema.safeParse({ ...valid, websubHubUrl });
      expect(result.success, websubHubUrl).toBe(false);
      expect(Object.keys(result.error!.flatten().fieldErrors)).toEqual(["websubHubUrl"]);
    }

    const refused = updateSiteSettings(editor, siteSettingsSchema.parse({ ...base, websubHubUrl: "https://evil.example.com/hub", sendWebmentions: "on" }));
    await expect(refused).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await getSiteSettings()).toMatchObject({ websubHubUrl: null, sendWebmentions: false });

    const { changed } = await updateSiteSettings(admin, siteSettingsSchema.parse({ ...base, websubHubUrl: "https://hub.example.com/", sendWebmentions: "on" }));
    expect(changed.sort()).toEqual(["sendWebmentions", "websubHubUrl"]);
    expect(await getSiteSettings()).toMatchObject({ websubHubUrl: "https://hub.example.com/", sendWebmentions: true });
    const entry = await prisma.auditLog.findFirstOrThrow({ where: { action: "settings.update", actorId: admin.id }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(entry.details!).changed).toEqual({
      websubHubUrl: { from: null, to: "https://hub.example.com/" },
      sendWebmentions: { from: false, to: true },
    });
    // Back to none: the blank field clears the hub.
    await updateSiteSettings(admin, siteSettingsSchema.parse({ ...base, websubHubUrl: "" }));
    expect(await getSiteSettings()).toMatchObject({ websubHubUrl: null, sendWebmentions: false });
  });
});
