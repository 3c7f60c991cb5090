import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { prisma } from "@/lib/db";
import type { Role } from "@/lib/auth/permissions";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";

// Server Actions and route handlers are called directly, as Next would after decoding a crafted request: the session
// comes from the (mocked) cookie, everything else (session row, user, role, permissions, database) is real.
const request = vi.hoisted(() => ({ sessionId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (request.sessionId ? { sessionId: request.sessionId } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.44", "role-matrix"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const root = path.resolve(__dirname, "../..");
type Outcome = { refused: boolean; text: string };

/** Runs an action and reads its outcome: a redirect (Next's thrown NEXT_REDIRECT), an error state, or success. */
async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    const result = (await run()) as { status?: string; message?: string; error?: string } | undefined;
    const text = result?.message ?? result?.error ?? JSON.stringify(result ?? null);
    return { refused: result?.status === "error" || typeof result?.error === "string", text };
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? (error as Error).message);
    if (digest.startsWith("NEXT_REDIRECT")) return { refused: false, text: digest };
    throw error;
  }
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
}

function serverActionFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return serverActionFiles(full);
    return /\.tsx?$/.test(name) && /^\s*["']use server["']/.test(readFileSync(full, "utf8")) ? [full] : [];
  });
}

function routeFiles(dir = path.join(root, "app")): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === "route.ts" ? [full] : [];
  });
}

// Route handlers anyone may call by design: the public feeds and sitemaps, next-auth's own sign-in endpoints, and the
// capture route (a bookmarklet or share target sends its capture before sign-in; it keeps the capture and writes no
// post: its own test below), and IndieAuth's endpoints (the metadata, and endpoints an app calls with a single-use code
// and its PKCE verifier, never a session: indieauth.test.ts).
const CAPTURE_ROUTE = path.join("app", "(admin)", "admin", "capture", "new", "route.ts");
const PUBLIC_ROUTE_DIRS = [
  `app${path.sep}(site)${path.sep}`,
  `app${path.sep}api${path.sep}auth${path.sep}`,
  CAPTURE_ROUTE,
  `app${path.sep}.well-known${path.sep}`,
  `app${path.sep}indieauth${path.sep}`,
];
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** Every exported handler of every route.ts that is not public, with the address it answers (route groups removed). */
async function guardedRouteHandlers() {
  const found: Array<{ name: string; url: string; method: (typeof HTTP_METHODS)[number]; handler: (request: Request, context: unknown) => Promise<Response> }> =
    [];
  for (const file of routeFiles()) {
    const relative = path.relative(root, file);
    if (PUBLIC_ROUTE_DIRS.some((dir) => relative.startsWith(dir))) continue;
    const route = (await import(file)) as Record<string, unknown>;
    const url = `http://localhost/${path.relative(path.join(root, "app"), path.dirname(file)).replace(/\([^)]*\)\//g, "")}`;
    for (const method of HTTP_METHODS) {
      const handler = route[method];
      if (typeof handler === "function")
        found.push({ name: `${method} ${relative}`, url, method, handler: handler as (request: Request, context: unknown) => Promise<Response> });
    }
  }
  return found;
}

// Pages anyone may use by design: first-run setup, choosing a password from a one-time link, asking for a reset link;
// and signing out, which ends only the caller's own session (its own test below).
const PUBLIC_ACTIONS = new Set(["createOwnerAction", "choosePasswordAction", "forgotPasswordAction", "signOutAction"]);

const users = {} as Record<"contributor" | "editor" | "admin", TestUser & { sessionId: string }>;

async function signedIn(role: Role) {
  const user = await createTestUser(role);
  const session = await signInWithPassword(user.email, user.password, {});
  return { ...user, sessionId: session!.sessionId };
}

function actAs(who: keyof typeof users | "anonymous") {
  request.sessionId = who === "anonymous" ? null : users[who].sessionId;
}

describeDatabase("role matrix: every Server Action and state-changing route, called directly", () => {
  beforeAll(async () => {
    [users.contributor, users.editor, users.admin] = await Promise.all([signedIn("CONTRIBUTOR"), signedIn("EDITOR"), signedIn("ADMIN")]);
  });
  afterAll(() => {
    request.sessionId = null;
  });

  it("finds the Server Action files it checks", () => {
    const files = serverActionFiles().map((file) => path.relative(root, file));
    expect(files).toEqual(
      expect.arrayContaining([
        "app/(admin)/admin/users/actions.ts",
        "app/(admin)/admin/account/actions.ts",
        "app/(admin)/admin/posts/actions.ts",
        "app/(admin)/admin/trash/actions.ts",
      ]),
    );
  });

  it("refuses every non-public Server Action to an anonymous caller before it does anything", async () => {
    actAs("anonymous");
    const sessionsBefore = await prisma.session.count({ where: { userId: users.admin.id, revokedAt: null } });
    for (const file of serverActionFiles()) {
      const actions = (await import(file)) as Record<string, unknown>;
      for (const [name, action] of Object.entries(actions)) {
        if (typeof action !== "function" || PUBLIC_ACTIONS.has(name)) continue;
        const fields = {
          userId: users.admin.id,
          role: "CONTRIBUTOR",
          sessionId: users.admin.sessionId,
          intent: "deactivate",
          kind: "reset",
          newOwnerId: users.editor.id,
          required: "on",
          name: "X",
          email: "x@example.test",
          code: "123456",
        };
        const result = await outcome(() => (action as (state: unknown, data: FormData) => Promise<unknown>)({ status: "idle" }, form(fields)));
        expect(result.refused, `${path.relative(root, file)} ${name}`).toBe(true);
        expect(result.text, `${name}`).toMatch(/session has ended|sign in/i);
      }
    }
    const admin = await prisma.user.findUniqueOrThrow({ where: { id: users.admin.id }, select: { role: true, isActive: true } });
    expect(admin).toEqual({ role: "ADMIN", isActive: true });
    expect(await prisma.session.count({ where: { userId: users.admin.id, revokedAt: null } })).toBe(sessionsBefore);
  });

  it("lets anyone sign out, which ends the caller's own session and no other", async () => {
    const { signOutAction } = await import("@/app/(admin)/admin/sign-out-action");
    const openSessions = (userId: string) => prisma.session.count({ where: { userId, revokedAt: null } });
    const adminSessions = await openSessions(users.admin.id);
    actAs("anonymous");
    expect((await outcome(() => signOutAction())).text).toMatch(/^NEXT_REDIRECT;.*\/login;/);
    const leaving = await signedIn("EDITOR");
    request.sessionId = leaving.sessionId;
    expect((await outcome(() => signOutAction())).text).toMatch(/^NEXT_REDIRECT;.*\/login;/);
    expect(await prisma.session.findUniqueOrThrow({ where: { id: leaving.sessionId }, select: { revokedAt: true } })).toEqual({ revokedAt: expect.any(Date) });
    expect(await openSessions(users.admin.id)).toBe(adminSessions);
    request.sessionId = null;
  });

  it("refuses every state-changing route handler to an anonymous caller", async () => {
    actAs("anonymous");
    for (const file of routeFiles()) {
      if (file.includes(`${path.sep}api${path.sep}auth${path.sep}`) || file.endsWith(CAPTURE_ROUTE)) continue;
      const route = (await import(file)) as Record<string, unknown>;
      for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
        const handler = route[method];
        if (typeof handler !== "function") continue;
        const url = `http://localhost/${path.relative(path.join(root, "app"), path.dirname(file)).replace(/\([^)]*\)\//g, "")}`;
        const body = form({ onDuplicate: "skip" });
        const response = (await (handler as (request: Request, context: unknown) => Promise<Response>)(new Request(url, { method, body }), {
          params: Promise.resolve({}),
        })) as Response;
        const location = response.headers.get("location") ?? "";
        expect(response.status >= 400 || location.includes("/login"), `${method} ${url} → ${response.status} ${location}`).toBe(true);
      }
    }
  });

  it("lets an anonymous capture through only to keep it: no post is written and the browser is sent to the form", async () => {
    actAs("anonymous");
    const route = (await import(path.join(root, CAPTURE_ROUTE))) as { POST: (request: Request) => Promise<Response> };
    const url = `https://example.com/${unique("anonymous-capture")}`;
    const postsBefore = await prisma.post.count();
    const response = await route.POST(
      new Request("http://localhost/admin/capture/new", { method: "POST", body: new URLSearchParams({ url, title: "Captured", selection: "Quote" }) }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toMatch(/^\/admin\/posts\/new\?capture=[\w-]{40,}$/);
    expect(await prisma.post.count()).toBe(postsBefore);
    expect(await prisma.capture.count({ where: { url } })).toBe(1);
  });

  it("finds the route handlers it checks", async () => {
    const names = (await guardedRouteHandlers()).map((route) => route.name);
    expect(names).toEqual(
      expect.arrayContaining([
        `GET ${path.join("app", "(admin)", "admin", "export", "download", "route.ts")}`,
        `POST ${path.join("app", "(admin)", "admin", "import", "upload", "route.ts")}`,
      ]),
    );
  });

  it("with two-factor required, every non-public route handler refuses a password-only editor or admin and does nothing", async () => {
    const draftTitle = `Secret draft ${unique("tfa")}`;
    await prisma.post.create({
      data: {
        title: draftTitle,
        slug: unique("tfa-draft"),
        externalUrl: `https://example.com/${unique("tfa")}`,
        canonicalUrl: `https://example.com/${unique("tfa")}`,
        authorId: users.admin.id,
      },
    });
    const policy = { key: "security.requireTwoFactorRoles", value: "ADMIN,EDITOR" };
    await prisma.setting.upsert({ where: { key: policy.key }, create: policy, update: { value: policy.value } });
    try {
      for (const who of ["editor", "admin"] as const) {
        actAs(who);
        const jobsBefore = await prisma.importJob.count();
        for (const route of await guardedRouteHandlers()) {
          let body: FormData | undefined;
          if (route.method !== "GET") {
            body = form({ onDuplicate: "skip" });
            body.append("files", new File(["---\ntitle: Pending two-factor\nurl: https://example.com/tfa\n---\nBody\n"], "tfa.md", { type: "text/markdown" }));
          }
          const response = await route.handler(new Request(`${route.url}?format=json`, { method: route.method, body }), { params: Promise.resolve({}) });
          const location = response.headers.get("location") ?? "";
          const text = await response.text();
          // The REST API and Micropub never take a session cookie: without a bearer token they answer 401 before anything else.
          const apiRefusal = (route.url.startsWith("http://localhost/api/v1/") || route.url === "http://localhost/micropub") && response.status === 401;
          expect(
            apiRefusal || response.status === 403 || location.includes("/admin/account/two-factor"),
            `${who}: ${route.name} → ${response.status} ${location}`,
          ).toBe(true);
          expect(text, `${who}: ${route.name}`).not.toContain(draftTitle);
        }
        expect(await prisma.importJob.count(), who).toBe(jobsBefore);
      }
    } finally {
      await prisma.setting.update({ where: { key: policy.key }, data: { value: "" } });
    }
  });

  type Case = {
    name: string;
    allowed: Role[];
    /** Runs the action (fresh fixtures each time) and returns what it must not have changed when refused. */
    run: () => Promise<{ outcome: Outcome; fingerprint: () => Promise<unknown>; before: unknown }>;
  };

  async function withFingerprint(fingerprint: () => Promise<unknown>, run: () => Promise<Outcome>) {
    const before = await fingerprint();
    return { outcome: await run(), fingerprint, before };
  }

  const userRow = (id: string) => () =>
    prisma.user.findUnique({
      where: { id },
      select: { role: true, isActive: true, lockedUntil: true, failedLoginCount: true, totpEnabledAt: true, tokens: { select: { id: true, usedAt: true } } },
    });

  const usersActions = () => import("@/app/(admin)/admin/users/actions");
  const accountActions = () => import("@/app/(admin)/admin/account/actions");
  const postActions = () => import("@/app/(admin)/admin/posts/actions");
  const tokenActions = () => import("@/app/(admin)/admin/account/tokens/actions");
  const trashActions = () => import("@/app/(admin)/admin/trash/actions");

  /** Someone else's published post, moved to the trash by an admin. */
  async function trashedPost() {
    const id = unique("trashed");
    const post = await prisma.post.create({
      data: { title: id, slug: id, externalUrl: `https://example.com/${id}`, status: "PUBLISHED", publishedAt: new Date(), authorId: users.admin.id },
    });
    const { deletePost } = await import("@/lib/posts/mutations");
    await deletePost(users.admin, post.id);
    return post;
  }

  const cases: Case[] = [
    {
      name: "invite someone",
      allowed: ["ADMIN"],
      run: async () => {
        const email = `${unique("invitee")}@example.test`;
        const { inviteUserAction } = await usersActions();
        return withFingerprint(
          () => prisma.user.count({ where: { email } }),
          () => outcome(() => inviteUserAction({ status: "idle" }, form({ name: "Invitee", email, role: "EDITOR" }))),
        );
      },
    },
    {
      name: "change a role",
      allowed: ["ADMIN"],
      run: async () => {
        const target = await createTestUser("CONTRIBUTOR");
        const { changeRoleAction } = await usersActions();
        return withFingerprint(userRow(target.id), () => outcome(() => changeRoleAction({ status: "idle" }, form({ userId: target.id, role: "ADMIN" }))));
      },
    },
    {
      name: "deactivate an account",
      allowed: ["ADMIN"],
      run: async () => {
        const target = await createTestUser("EDITOR");
        const { setUserActiveAction } = await usersActions();
        return withFingerprint(userRow(target.id), () =>
          outcome(() => setUserActiveAction({ status: "idle" }, form({ userId: target.id, intent: "deactivate" }))),
        );
      },
    },
    {
      name: "unlock an account",
      allowed: ["ADMIN"],
      run: async () => {
        const target = await createTestUser("EDITOR");
        await prisma.user.update({ where: { id: target.id }, data: { lockedUntil: new Date(Date.now() + 600_000), failedLoginCount: 0 } });
        const { unlockUserAction } = await usersActions();
        return withFingerprint(userRow(target.id), () => outcome(() => unlockUserAction({ status: "idle" }, form({ userId: target.id }))));
      },
    },
    {
      name: "issue a password-reset link",
      allowed: ["ADMIN"],
      run: async () => {
        const target = await createTestUser("EDITOR");
        const { issueLinkAction } = await usersActions();
        return withFingerprint(userRow(target.id), () => outcome(() => issueLinkAction({ status: "idle" }, form({ userId: target.id, kind: "reset" }))));
      },
    },
    {
      name: "delete an account",
      allowed: ["ADMIN"],
      run: async () => {
        const target = await createTestUser("CONTRIBUTOR");
        const { deleteUserAction } = await usersActions();
        return withFingerprint(userRow(target.id), () =>
          outcome(() => deleteUserAction({ status: "idle" }, form({ userId: target.id, newOwnerId: users.admin.id }))),
        );
      },
    },
    {
      name: "create an API token",
      allowed: ["ADMIN", "EDITOR", "CONTRIBUTOR"],
      run: async () => {
        const name = unique("matrix-token");
        const { createTokenAction } = await tokenActions();
        return withFingerprint(
          () => prisma.apiToken.count({ where: { name } }),
          () => outcome(() => createTokenAction({ status: "idle" }, form({ name, scopes: "posts:read", days: "30" }))),
        );
      },
    },
    {
      name: "revoke someone else's API token",
      allowed: ["ADMIN"],
      run: async () => {
        const owner = await createTestUser("EDITOR");
        const { createApiToken } = await import("@/lib/tokens/mutations");
        const token = await createApiToken(owner, owner.id, { name: unique("victim-token"), scopes: ["posts:read"], days: null });
        const { revokeTokenAction } = await tokenActions();
        return withFingerprint(
          () => prisma.apiToken.findUnique({ where: { id: token.id }, select: { revokedAt: true } }),
          () => outcome(() => revokeTokenAction({ status: "idle" }, form({ tokenId: token.id }))),
        );
      },
    },
    {
      name: "publish a post",
      allowed: ["ADMIN", "EDITOR"],
      run: async () => {
        const id = unique("matrix");
        const { savePostAction } = await postActions();
        const fields = {
          intent: "publish",
          title: `Matrix ${id}`,
          externalUrl: `https://example.com/${id}`,
          source: "Example",
          tags: "matrix",
          publishedAt: "",
          tldr: "T",
          summary: "S",
          commentary: "",
          slug: "",
        };
        return withFingerprint(
          () => prisma.post.count({ where: { externalUrl: fields.externalUrl, status: "PUBLISHED" } }),
          () => outcome(() => savePostAction({ status: "idle" }, form(fields))),
        );
      },
    },
    {
      name: "delete someone else's post",
      allowed: ["ADMIN", "EDITOR"],
      run: async () => {
        const id = unique("victim");
        const post = await prisma.post.create({
          data: { title: id, slug: id, externalUrl: `https://example.com/${id}`, canonicalUrl: `https://example.com/${id}`, authorId: users.admin.id },
        });
        const { deletePostAction } = await postActions();
        return withFingerprint(
          () => prisma.post.count({ where: { id: post.id, deletedAt: null } }),
          () => outcome(() => deletePostAction({ status: "idle" }, form({ postId: post.id }))),
        );
      },
    },
    {
      name: "restore someone else's post from the trash",
      allowed: ["ADMIN", "EDITOR"],
      run: async () => {
        const post = await trashedPost();
        const { restorePostAction } = await trashActions();
        return withFingerprint(
          () => prisma.post.count({ where: { id: post.id, deletedAt: null } }),
          () => outcome(() => restorePostAction({ status: "idle" }, form({ postId: post.id }))),
        );
      },
    },
    {
      name: "delete a post in the trash for good",
      allowed: ["ADMIN"],
      run: async () => {
        const post = await trashedPost();
        const { purgePostAction } = await trashActions();
        return withFingerprint(
          () => prisma.post.count({ where: { id: post.id } }),
          () => outcome(() => purgePostAction({ status: "idle" }, form({ postId: post.id }))),
        );
      },
    },
  ];

  for (const testCase of cases) {
    it(`${testCase.name}: only ${testCase.allowed.join(" and ")}; a refused call changes nothing`, async () => {
      for (const who of ["anonymous", "contributor", "editor", "admin"] as const) {
        actAs(who);
        const { outcome: result, fingerprint, before } = await testCase.run();
        const allowed = who !== "anonymous" && testCase.allowed.includes(users[who].role);
        expect(result.refused, `${who}: ${result.text}`).toBe(!allowed);
        if (!allowed) {
          expect(result.text, who).toMatch(
            who === "anonymous" ? /session has ended/ : /role does not allow|only editors and admins|only admins|your own drafts/i,
          );
          expect(await fingerprint(), who).toEqual(before);
        } else expect(await fingerprint(), who).not.toEqual(before);
      }
    });
  }

  it("the two-factor requirement is an admin's switch", async () => {
    const { setTwoFactorPolicyAction } = await usersActions();
    const policy = () => prisma.setting.findUnique({ where: { key: "security.requireTwoFactorRoles" }, select: { value: true } });
    const before = await policy();
    for (const who of ["anonymous", "contributor", "editor"] as const) {
      actAs(who);
      expect((await outcome(() => setTwoFactorPolicyAction({ status: "idle" }, form({ required: "on" })))).refused, who).toBe(true);
      expect(await policy()).toEqual(before);
    }
    // An admin without two-factor of their own cannot require it (they would lock themselves out of the switch).
    actAs("admin");
    const own = await outcome(() => setTwoFactorPolicyAction({ status: "idle" }, form({ required: "on" })));
    expect(own.refused).toBe(true);
    expect(own.text).toMatch(/your own account first/);
    expect(await policy()).toEqual(before);
    const enrolled = await signedIn("ADMIN");
    await prisma.user.update({ where: { id: enrolled.id }, data: { totpEnabledAt: new Date() } });
    request.sessionId = enrolled.sessionId;
    expect((await outcome(() => setTwoFactorPolicyAction({ status: "idle" }, form({ required: "on" })))).refused).toBe(false);
    expect((await policy())?.value).toBe("ADMIN,EDITOR");
    try {
      // Now an admin and an editor without two-factor may only reach their own account's set-up.
      for (const who of ["editor", "admin"] as const) {
        actAs(who);
        const refused = await outcome(async () =>
          (await usersActions()).changeRoleAction({ status: "idle" }, form({ userId: users.contributor.id, role: "EDITOR" })),
        );
        expect(refused.refused).toBe(true);
        expect(refused.text).toMatch(/two-factor/);
        const { startTwoFactorAction } = await accountActions();
        expect((await outcome(() => startTwoFactorAction({ status: "idle" }, form({})))).refused, who).toBe(false);
      }
      actAs("contributor");
      const { startTwoFactorAction } = await accountActions();
      expect((await outcome(() => startTwoFactorAction({ status: "idle" }, form({})))).refused).toBe(false);
    } finally {
      actAs("admin");
      await prisma.setting.update({ where: { key: "security.requireTwoFactorRoles" }, data: { value: "" } });
    }
  });

  it("one's own sessions only: a session id of someone else is not found and stays open", async () => {
    const { revokeSessionAction } = await accountActions();
    actAs("editor");
    const result = await outcome(() => revokeSessionAction({ status: "idle" }, form({ sessionId: users.admin.sessionId })));
    expect(result.refused).toBe(true);
    expect((await prisma.session.findUniqueOrThrow({ where: { id: users.admin.sessionId } })).revokedAt).toBeNull();
  });
});
