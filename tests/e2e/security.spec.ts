import { readFileSync } from "node:fs";
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { Secret, TOTP } from "otpauth";
import { expect, test, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { corpusPost, createAccount, fillPostForm, formAlert, PASSWORD, signIn, storageStateFor, USERS } from "./support";

let counter = 0;
/** A fresh editor or contributor per test, so lockouts and sign-outs never touch the shared accounts. */
function freshAccount(role: "ADMIN" | "EDITOR" | "CONTRIBUTOR" = "EDITOR") {
  counter += 1;
  const id = `${Date.now().toString(36)}-${counter}`;
  const user = { name: `Sam Security ${id}`, email: `sam-${id}@example.test` };
  createAccount(role, user);
  return user;
}

/** A documentation-range address per call: the per-address throttle then only sees what the test means it to. */
function address() {
  counter += 1;
  return `203.0.113.${(Date.now() + counter) % 250}`;
}

type ApiSignIn = { email: string; password: string; code?: string; callbackUrl?: string; ip?: string; forgedAddress?: string };

/** Signs in the way next-auth's client does (CSRF token, then the credentials callback with json=true). */
async function apiSignIn(request: APIRequestContext, { email, password, code, callbackUrl, ip, forgedAddress }: ApiSignIn) {
  const headers = { ...(ip ? { "x-forwarded-for": ip } : {}), ...(forgedAddress ? { "x-linkpress-client-address": forgedAddress } : {}) };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as { csrfToken: string };
  const form: Record<string, string> = { email, password, csrfToken, json: "true", callbackUrl: callbackUrl ?? "/admin" };
  if (code) form.code = code;
  const response = await request.post("/api/auth/callback/credentials", { form, headers });
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  return { status: response.status(), url: body.url ?? "", error: body.url ? new URL(body.url).searchParams.get("error") : null };
}

async function signedInPage(browser: Browser, email: string, password = PASSWORD): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
}

async function expectSignedOut(page: Page) {
  await page.goto("/admin/posts");
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
}

type RawResponse = { status: number; headers: IncomingHttpHeaders; body: string };

/**
 * A request with the path sent exactly as written (no client-side normalisation of dots, escapes or slashes); any
 * body its headers declare is not sent, so only an answer given before reading the body can arrive.
 */
function rawGet(baseURL: string, path: string, headers: Record<string, string> = {}, method = "GET"): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const sent = httpRequest({ host: hostname, port, path, method, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    sent.on("error", reject);
    sent.end();
  });
}

/** The Cookie header of a signed-in role, as a browser would send it. */
function cookieHeaderOf(role: "admin" | "editor" | "contributor"): string {
  const state = JSON.parse(readFileSync(storageStateFor(role), "utf8")) as { cookies: Array<{ name: string; value: string }> };
  return state.cookies.map(({ name, value }) => `${name}=${value}`).join("; ");
}

test.describe("page cache and signed-in requests", () => {
  // The attack: render /./admin/users with an admin's cookie, then ask for the same spelling with no cookie at all.
  const spellings = [
    "/./admin/users",
    "/x/../admin/users",
    "/%2e%2e/admin/users",
    "/%2e%2e/admin/audit",
    "/%2E/admin/users",
    "/.%2e/admin/users",
    "/tags/%2e%2e/%2e%2e/admin/users",
    "/admin%2fusers",
    "/%2fadmin/users",
    "//admin/users",
    "/%5cadmin/users",
    "/%61dmin/users",
    "/admin/./users",
    "/admin/users/",
  ];

  test("no spelling of an admin address rendered with an admin's cookie is ever served to anyone else", async ({ baseURL }) => {
    const cookie = cookieHeaderOf("admin");
    for (const path of spellings) {
      for (let round = 0; round < 2; round++) {
        const signedIn = await rawGet(baseURL!, path, { cookie });
        expect(signedIn.headers["x-linkpress-cache"], path).toBeUndefined();
        const bearer = await rawGet(baseURL!, path, { authorization: "Bearer lp_not_a_token" });
        expect(bearer.headers["x-linkpress-cache"], path).toBeUndefined();
      }
      const anonymous = await rawGet(baseURL!, path);
      expect(anonymous.headers["x-linkpress-cache"], path).toBeUndefined();
      // The user list and the audit log name the accounts; an anonymous reader must see neither.
      expect(anonymous.body, path).not.toContain(USERS.editor.email);
      expect(anonymous.body, path).not.toContain(USERS.contributor.email);
      expect(anonymous.status, path).not.toBe(200);
    }
  });

  test("a signed-in reader's request never fills the cache; everyone is served what anyone would be shown", async ({ baseURL }) => {
    const cookie = cookieHeaderOf("editor");
    const path = `/search?q=cookie${Date.now().toString(36)}`;
    // A miss with a cookie goes straight to Next and is not kept.
    const signedIn = await rawGet(baseURL!, path, { cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers["x-linkpress-cache"]).toBeUndefined();
    expect((await rawGet(baseURL!, path)).headers["x-linkpress-cache"]).toBe("miss");
    // Once an anonymous render is kept, signed-in readers get it too (reader pages show nobody anything personal).
    expect((await rawGet(baseURL!, path)).headers["x-linkpress-cache"]).toBe("hit");
    const hit = await rawGet(baseURL!, path, { cookie });
    expect(hit.headers["x-linkpress-cache"]).toBe("hit");
    expect(hit.headers["set-cookie"]).toBeUndefined();
  });

  test("reader pages say any cache may keep them; private pages say no-store", async ({ baseURL }) => {
    // lib/http/cache-policy.ts's PUBLIC_CACHE_CONTROL: shared caches keep a copy briefly, browsers always ask again.
    const shareable = /^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/;
    expect((await rawGet(baseURL!, "/")).headers["cache-control"]).toMatch(shareable);
    expect((await rawGet(baseURL!, "/feed.xml")).headers["cache-control"]).toMatch(shareable);
    for (const path of ["/login", "/admin/users", "/./admin/users", "/%61dmin/users", "/api/auth/session"])
      expect((await rawGet(baseURL!, path, { cookie: cookieHeaderOf("admin") })).headers["cache-control"], path).toContain("no-store");
  });
});

test("a body over 2 MiB is refused before Next buffers it, at every address but the import upload", async ({ baseURL }) => {
  for (const path of ["/login", "/admin/posts/new", "/api/auth/callback/credentials", "/"]) {
    // The answer comes before a byte of the declared 3 MiB is sent: nothing was read or buffered.
    const response = await rawGet(baseURL!, path, { "content-type": "application/octet-stream", "content-length": String(3 * 1024 * 1024) }, "POST");
    expect(response.status, path).toBe(413);
    expect(response.headers["content-security-policy"], path).toContain("default-src");
  }
});

test.describe("headers", () => {
  test("admin and sign-in pages have a nonce-based CSP, reader pages the fixed one without scripts; both have the other headers", async ({
    browser,
    request,
  }) => {
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    for (const [path, client] of [
      ["/login", request],
      ["/admin/posts", admin.request],
      ["/admin/users", admin.request],
    ] as const) {
      const response = await client.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      const csp = headers["content-security-policy"];
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce, path).toBeTruthy();
      for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "'strict-dynamic'"]) expect(csp, path).toContain(directive);
      expect(csp).not.toContain("'unsafe-inline' 'strict-dynamic'");
      // Next puts the same nonce on every script it renders.
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(0);
      for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
      expect(html, path).toMatch(new RegExp(`<link rel="stylesheet"[^>]* nonce="${(nonce ?? "").replace(/[+/=]/g, "\\$&")}"`));
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"]).toContain("max-age=");
      expect(headers["cache-control"], path).toContain("no-store");
      expect(headers["surrogate-key"], path).toBeUndefined();
    }
    // A second request gets a different nonce.
    const [first, second] = await Promise.all([request.get("/login"), request.get("/login")]);
    expect(first.headers()["content-security-policy"]).not.toBe(second.headers()["content-security-policy"]);

    // Reader pages: one fixed policy that allows no script, no nonce anywhere, no script but structured data.
    const policies = new Set<string>();
    for (const path of ["/", "/tags", "/archive", "/search?q=x", "/feed.xml"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      const csp = headers["content-security-policy"];
      policies.add(csp);
      for (const directive of ["default-src 'none'", "script-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'"])
        expect(csp, path).toContain(directive);
      expect(csp, path).not.toContain("nonce");
      const html = await response.text();
      expect(html, path).not.toContain("nonce=");
      expect(html.match(/<script\b(?![^>]*application\/ld\+json)/g), path).toBeNull();
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["cache-control"], path).toContain("s-maxage=");
    }
    expect(policies.size).toBe(1);
    await admin.close();
  });

  test("the admin area and sign-in run under the policy without a single violation", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("admin") });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    for (const path of ["/admin/posts", "/admin/posts/new", "/admin/users", "/admin/audit", "/admin/account", "/admin/account/two-factor"]) {
      await page.goto(path);
      await expect(page.locator("main")).toBeVisible();
    }
    // Client-side navigation only works when the framework's scripts run.
    await page.getByRole("link", { name: "Your account", exact: true }).click();
    await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("editor") });
    const cookie = (await context.cookies()).find((candidate) => candidate.name.endsWith("next-auth.session-token"));
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await context.close();
  });
});

test.describe("malformed addresses", () => {
  // The last one signed in: /login then redirected to the callback, and a Location header cannot carry U+3000 (a 500).
  for (const [path, who] of [
    ["/login?callbackUrl=%E3%80%80", "anonymous"],
    ["/api/auth/signout?callbackUrl=%E3%80%80", "anonymous"],
    ["/posts/a%ZZ", "anonymous"],
    ["/login?callbackUrl=%2F%E3%80%80", "admin"],
  ] as const) {
    test(`${path} (${who}) answers 400 with the security headers`, async ({ browser, request: anonymous }) => {
      const context = who === "admin" ? await browser.newContext({ storageState: storageStateFor("admin") }) : null;
      const request = context?.request ?? anonymous;
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      const headers = response.headers();
      for (const directive of ["default-src 'self'", "object-src 'none'", "frame-ancestors 'none'"])
        expect(headers["content-security-policy"], path).toContain(directive);
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["x-frame-options"], path).toBe("DENY");
      expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
      expect(headers["strict-transport-security"], path).toContain("max-age=");
      expect(await response.text(), path).not.toMatch(/at \S+ \(|URIError|stack/i);
      await context?.close();
    });
  }
});

test("a malformed Server Action call or a bad sign-in body shows no stack trace, SQL or secret", async ({ browser, request }) => {
  const editor = await browser.newContext({ storageState: storageStateFor("editor") });
  const responses = [
    await editor.request.post("/admin/users", { headers: { "next-action": "7f".repeat(21), "content-type": "text/plain;charset=UTF-8" }, data: '[{"broken":' }),
    await editor.request.post("/admin/posts/new", {
      headers: { "next-action": "00", "content-type": "multipart/form-data; boundary=x" },
      data: "--x\r\nnonsense",
    }),
    await request.post("/api/auth/callback/credentials", { form: { email: 'a\'; DROP TABLE "User"; --', password: "x".repeat(5000), csrfToken: "forged" } }),
  ];
  for (const response of responses) {
    const body = await response.text();
    expect(body).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)|node_modules|prisma|SQLITE|syntax error at|e2e-only-secret/i);
  }
  await editor.close();
});

test.describe("cross-site requests", () => {
  test("a Server Action or sign-in POST with a foreign or null Origin is refused and changes nothing", async ({ browser, playwright, baseURL }) => {
    const editor = await browser.newContext({ storageState: storageStateFor("editor") });
    const page = await editor.newPage();
    const post = corpusPost("0005-nvme-memory-tiering-design-and-sizing-on-vmware-cloud-founda.md");
    await page.goto("/admin/posts/new");
    await fillPostForm(page, post);
    const captured = page.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
    await page.getByRole("button", { name: "Save draft" }).click();
    const action = await captured;
    await expect(page.getByRole("status")).toContainText("Saved as a draft");
    const cookies = (await editor.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; ");

    const client = await playwright.request.newContext({ baseURL });
    const attempts: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "cross-site" }];
    for (const [index, extra] of attempts.entries()) {
      const title = `Cross-site ${index} ${Date.now()}`;
      const body = action.postDataBuffer()!.toString("latin1").replace(post.title, title).replace(post.externalUrl, `${post.externalUrl}-x${index}`);
      const headers: Record<string, string> = { ...action.headers(), cookie: cookies, ...extra };
      if (!("origin" in extra)) delete headers.origin;
      const response = await client.post("/admin/posts/new", { headers, data: Buffer.from(body, "latin1") });
      expect(response.status(), JSON.stringify(extra)).toBe(403);
      await page.goto(`/admin/posts?q=${encodeURIComponent(title)}`);
      await expect(page.getByText("No posts match these filters.")).toBeVisible();
    }
    const signInFromElsewhere = await client.post("/api/auth/signout", {
      headers: { origin: "https://evil.example", cookie: cookies },
      form: { csrfToken: "x" },
    });
    expect(signInFromElsewhere.status()).toBe(403);
    await page.goto("/admin/posts");
    await expect(page).toHaveURL(/\/admin\/posts$/);
    await client.dispose();
    await editor.close();
  });
});

test.describe("sessions", () => {
  test("signing out works before (or without) the page's script; the old cookie replayed is refused everywhere", async ({ browser }) => {
    const user = freshAccount();
    const page = await signedInPage(browser, user.email);
    const saved = await page.context().storageState();
    // The same session in a browser that runs no script: the button is a plain form, so a click before hydration works.
    const noScript = await browser.newContext({ storageState: saved, javaScriptEnabled: false });
    const noScriptPage = await noScript.newPage();
    await noScriptPage.goto("/admin");
    await signOut(noScriptPage);
    await expectSignedOut(noScriptPage);
    await noScript.close();
    await expectSignedOut(page);

    const replay = await browser.newContext({ storageState: saved });
    const replayPage = await replay.newPage();
    await expectSignedOut(replayPage);
    expect(await (await replay.request.get("/api/auth/session")).json()).toEqual({});
    await replay.close();
    await page.context().close();
  });

  test("changing the password signs out every other session; one session can be signed out from the list", async ({ browser }) => {
    const user = freshAccount();
    const [first, second, third] = [await signedInPage(browser, user.email), await signedInPage(browser, user.email), await signedInPage(browser, user.email)];
    await first.goto("/admin/account");
    const rows = first.getByRole("table", { name: "Signed-in sessions" }).locator("tbody tr");
    await expect(rows).toHaveCount(3);
    await expect(rows.first()).toContainText(/Chrome on Linux/);
    await expect(rows.filter({ hasText: "(this session)" })).toHaveCount(1);

    // Sign out one other session from the list (the current one has no such button).
    await expect(first.getByRole("button", { name: "Sign out this session" })).toHaveCount(2);
    await first.getByRole("button", { name: "Sign out this session" }).first().click();
    await expect(first.getByText("That session is signed out.")).toBeVisible();
    const stillIn = [];
    for (const page of [second, third]) {
      await page.goto("/admin/posts");
      stillIn.push(page.url().includes("/admin/posts"));
    }
    expect(stillIn.filter(Boolean)).toHaveLength(1);

    const form = first.getByRole("form", { name: "Change password" });
    await form.getByLabel("Current password").fill("not-the-password");
    await form.getByLabel("New password").fill("another long passphrase here");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toContainText("current password is not correct");
    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByLabel("New password").fill("qwerty123");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("alert")).toContainText("most common");
    await form.getByLabel("Current password").fill(PASSWORD);
    await form.getByLabel("New password").fill("another long passphrase here");
    await form.getByRole("button", { name: "Change password" }).click();
    await expect(form.getByRole("status")).toContainText("Your password is changed.");
    for (const page of [second, third]) await expectSignedOut(page);
    await first.goto("/admin/posts");
    await expect(first).toHaveURL(/\/admin\/posts$/);
    for (const page of [first, second, third]) await page.context().close();
  });

  test("a deactivated person is signed out on their very next request", async ({ browser }) => {
    const user = freshAccount("CONTRIBUTOR");
    const page = await signedInPage(browser, user.email);
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users?status=active");
    await adminPage.getByRole("link", { name: user.name }).click();
    await adminPage.getByRole("button", { name: "Deactivate account" }).click();
    await expect(adminPage.getByRole("group", { name: "Access" }).getByRole("status")).toContainText("deactivated");
    await expectSignedOut(page);
    await admin.close();
    await page.context().close();
  });
});

test.describe("sign-in protection", () => {
  test("an unknown email and a wrong password get the very same answer", async ({ request }) => {
    const user = freshAccount();
    const wrong = await apiSignIn(request, { email: user.email, password: "wrong-password-1", ip: address() });
    const unknown = await apiSignIn(request, { email: `nobody-${Date.now()}@example.test`, password: "wrong-password-1", ip: address() });
    expect(wrong).toEqual(unknown);
    expect(wrong).toMatchObject({ status: 401, error: "CredentialsSignin" });
  });

  test("the 5th failure locks the account (even the right password is refused) until an admin unlocks it", async ({ browser, request }) => {
    const user = freshAccount();
    for (let attempt = 1; attempt <= 5; attempt += 1)
      expect((await apiSignIn(request, { email: user.email, password: `wrong-${attempt}`, ip: address() })).error).toBe("CredentialsSignin");
    expect((await apiSignIn(request, { email: user.email, password: PASSWORD, ip: address() })).error).toBe("CredentialsSignin");

    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users?status=locked");
    await expect(adminPage.getByRole("row", { name: new RegExp(user.name) })).toContainText("Locked");
    await adminPage.getByRole("link", { name: user.name }).click();
    await adminPage.getByRole("button", { name: "Unlock account" }).click();
    await expect(adminPage.getByRole("group", { name: "Access" }).getByRole("status")).toContainText("unlocked");
    const result = await apiSignIn(request, { email: user.email, password: PASSWORD, ip: address() });
    expect(result).toMatchObject({ status: 200, error: null });
    await adminPage.goto(`/admin/audit?action=auth.lockout`);
    await expect(adminPage.getByRole("row", { name: new RegExp(user.name) }).first()).toContainText("Account locked");
    await admin.close();
  });

  test("many failures from one address across accounts answer 429, and the form says to wait", async ({ browser, request }) => {
    const ip = address();
    for (let index = 0; index < 20; index += 1)
      await apiSignIn(request, { email: `spray-${index}-${Date.now()}@example.test`, password: "spray-password", ip });
    const user = freshAccount();
    const throttled = await apiSignIn(request, { email: user.email, password: PASSWORD, ip });
    expect(throttled).toMatchObject({ status: 429, error: "TooManyAttempts" });

    const context = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": ip } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(formAlert(page)).toHaveText("Too many attempts. Wait a few minutes and try again.");
    // Another address is not affected.
    expect((await apiSignIn(request, { email: user.email, password: PASSWORD, ip: address() })).status).toBe(200);
    await context.close();
  });

  test("rotating the forged part of X-Forwarded-For does not escape the per-address throttle", async ({ request }) => {
    // The end-to-end server runs with TRUST_PROXY=1: only the last hop (the one our proxy would append) is believed.
    const ip = address();
    // The client also sends its own copy of the server's private client-address header, which the server replaces.
    const forged = (index: number) => ({ ip: `198.18.${index % 250}.${(index * 7) % 250}, ${ip}`, forgedAddress: `198.19.${index % 250}.1` });
    for (let index = 0; index < 20; index += 1)
      await apiSignIn(request, { email: `rotate-${index}-${Date.now()}@example.test`, password: "spray-password", ...forged(index) });
    const user = freshAccount();
    expect(await apiSignIn(request, { email: user.email, password: PASSWORD, ...forged(99) })).toMatchObject({ status: 429, error: "TooManyAttempts" });
  });

  test("callbackUrl never leads off the site", async ({ browser, request, baseURL }) => {
    const user = freshAccount();
    for (const target of ["https://evil.example/admin", "//evil.example/admin", "/\\evil.example", "javascript:alert(1)"]) {
      const result = await apiSignIn(request, { email: user.email, password: PASSWORD, callbackUrl: target, ip: address() });
      expect(new URL(result.url).origin, target).toBe(new URL(baseURL!).origin);
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/steal")}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/localhost:\d+\/admin/);
    await context.close();
  });

  test("without SMTP, “forgot password” sends people to an admin", async ({ page }) => {
    await page.goto("/forgot-password");
    await expect(page.getByText("Ask an admin for a password-reset link.")).toBeVisible();
    await expect(page.getByLabel("Email")).toHaveCount(0);
  });
});

/** The app's code now, or one 30-second step earlier (still accepted), so set-up and the next sign-in use different codes. */
function currentCode(secret: string, stepsBack = 0) {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: "SHA1" }).generate({ timestamp: Date.now() - stepsBack * 30_000 });
}

/**
 * The previous step's code, taken with at least 10 seconds left in the current step: taken in a step's last moments,
 * it is two steps old (outside the server's window) by the time a slow machine checks it.
 */
async function previousStepCode(secret: string) {
  const intoStep = Date.now() % 30_000;
  if (intoStep > 20_000) await new Promise((resolve) => setTimeout(resolve, 30_500 - intoStep));
  return currentCode(secret, 1);
}

async function signInWithCode(page: Page, email: string, code: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByLabel("Authentication code").fill(code);
  await page.getByRole("button", { name: "Verify code" }).click();
}

/** Sets up two-factor from the account page with the typed key (a wrong code first, when asked); returns the key and the recovery codes. */
async function enrolTwoFactor(page: Page, options: { tryWrongCode?: boolean } = {}) {
  if (!page.url().includes("/admin/account/two-factor")) {
    await page.goto("/admin/account");
    await page.getByRole("link", { name: "Manage two-factor authentication" }).click();
  }
  await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveAttribute("src", /^data:image\/png;base64,/);
  const secret = (await page.getByLabel("Set-up key").textContent())!.replace(/\s+/g, "");
  if (options.tryWrongCode) {
    await page.getByLabel("Code from the app").fill("000000" === currentCode(secret) ? "111111" : "000000");
    await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
    await expect(formAlert(page)).toContainText("does not match");
  }
  // The previous step's code (still accepted), so the next sign-in can use the current one.
  await page.getByLabel("Code from the app").fill(await previousStepCode(secret));
  await page.getByRole("button", { name: "Turn on two-factor authentication" }).click();
  const list = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(list).toHaveCount(10);
  return { secret, codes: await list.allTextContents() };
}

test.describe("two-factor authentication", () => {
  test("set up with the key, then sign in with a code and with a recovery code (each once)", async ({ browser }) => {
    const user = freshAccount();
    const page = await signedInPage(browser, user.email);
    const { secret, codes } = await enrolTwoFactor(page, { tryWrongCode: true });
    await signOut(page);

    // The password alone is not enough; a wrong code is refused; the recovery code works once.
    await signInWithCode(page, user.email, "12345678");
    await expect(formAlert(page)).toContainText("That code is not valid");
    await page.getByLabel("Authentication code").fill(codes[0]);
    await page.getByRole("button", { name: "Verify code" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await signOut(page);
    await signInWithCode(page, user.email, codes[0]);
    await expect(formAlert(page)).toContainText("That code is not valid");

    // A code from the app; the same code a second time is refused.
    const code = currentCode(secret);
    await signInWithCode(page, user.email, code);
    await expect(page).toHaveURL(/\/admin$/);
    await signOut(page);
    await signInWithCode(page, user.email, code);
    await expect(formAlert(page)).toContainText("That code is not valid");
    await page.getByLabel("Authentication code").fill(codes[1]);
    await page.getByRole("button", { name: "Verify code" }).click();
    await expect(page).toHaveURL(/\/admin$/);
    await page.goto("/admin/account/two-factor");
    await expect(page.getByRole("status").filter({ hasText: "8 of 10 recovery codes left" })).toBeVisible();
    await page.context().close();
  });

  test("when required, admins and editors must enrol before anything else; contributors need not", async ({ browser }) => {
    const editor = freshAccount("EDITOR");
    const contributor = freshAccount("CONTRIBUTOR");
    const policyAdmin = freshAccount("ADMIN");
    const adminPage = await signedInPage(browser, policyAdmin.email);
    // Requiring it is refused until the admin has it too.
    await adminPage.goto("/admin/users");
    await adminPage.getByLabel("Require two-factor authentication for admins and editors").check();
    await adminPage.getByRole("button", { name: "Save requirement" }).click();
    await expect(adminPage.getByRole("form", { name: "Two-factor requirement" }).getByRole("alert")).toContainText("your own account first");
    await enrolTwoFactor(adminPage);
    const policy = adminPage.getByRole("form", { name: "Two-factor requirement" });
    await adminPage.goto("/admin/users");
    await policy.getByLabel("Require two-factor authentication for admins and editors").check();
    await policy.getByRole("button", { name: "Save requirement" }).click();
    await expect(policy.getByRole("status")).toContainText("now set up two-factor");
    try {
      const page = await signedInPage(browser, contributor.email);
      await page.goto("/admin/posts/new");
      await expect(page).toHaveURL(/\/admin\/posts\/new$/);

      const context = await browser.newContext();
      const editorPage = await context.newPage();
      await editorPage.goto("/login");
      await editorPage.getByLabel("Email").fill(editor.email);
      await editorPage.getByLabel("Password").fill(PASSWORD);
      await editorPage.getByRole("button", { name: "Sign in" }).click();
      await expect(editorPage).toHaveURL(/\/admin\/account\/two-factor\?required=1/);
      await editorPage.goto("/admin/posts/new");
      await expect(editorPage).toHaveURL(/\/admin\/account\/two-factor\?required=1/);
      await enrolTwoFactor(editorPage);
      await editorPage.getByRole("link", { name: "Continue to the admin area" }).click();
      await expect(editorPage).toHaveURL(/\/admin\/posts$/);
      await context.close();
      await page.context().close();
    } finally {
      await adminPage.goto("/admin/users");
      await policy.getByLabel("Require two-factor authentication for admins and editors").uncheck();
      await policy.getByRole("button", { name: "Save requirement" }).click();
      await expect(policy.getByRole("status")).toContainText("optional again");
      await adminPage.context().close();
    }
  });
});

test.describe("role matrix over HTTP", () => {
  test("an admin's captured Server Actions, replayed as editor, contributor and anonymous, are refused and change nothing", async ({
    browser,
    playwright,
    baseURL,
  }) => {
    const target = freshAccount("CONTRIBUTOR");
    const admin = await browser.newContext({ storageState: storageStateFor("admin") });
    const adminPage = await admin.newPage();
    await adminPage.goto("/admin/users?role=CONTRIBUTOR");
    await adminPage.getByRole("link", { name: target.name }).click();
    await expect(adminPage.getByRole("heading", { level: 1, name: new RegExp(target.name) })).toBeVisible();
    const userPage = adminPage.url();
    const form = adminPage.getByRole("form", { name: "Role" });

    // Capture the admin's "change role" request (to Contributor, which changes nothing yet).
    const captured = adminPage.waitForRequest((request) => request.method() === "POST" && Boolean(request.headers()["next-action"]));
    await form.getByRole("button", { name: "Change role" }).click();
    const roleChange = await captured;
    await expect(form.getByRole("status")).toBeVisible();
    const promote = roleChange
      .postDataBuffer()!
      .toString("latin1")
      .replace(/CONTRIBUTOR/g, "ADMIN");

    const editorState = await browser.newContext({ storageState: storageStateFor("editor") });
    const contributorState = await browser.newContext({ storageState: storageStateFor("contributor") });
    const callers = {
      anonymous: "",
      editor: (await editorState.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
      contributor: (await contributorState.cookies()).map((cookie) => `${cookie.name}=${cookie.value}`).join("; "),
    };
    const client = await playwright.request.newContext({ baseURL });
    for (const [who, cookie] of Object.entries(callers)) {
      const headers = { ...roleChange.headers(), cookie };
      const response = await client.post(new URL(userPage).pathname, { headers, data: Buffer.from(promote, "latin1") });
      expect(response.status(), who).toBeLessThan(500);
      expect(await response.text(), who).toMatch(who === "anonymous" ? /Your session has ended/ : /Your role does not allow this/);
    }
    await adminPage.goto(userPage);
    await expect(adminPage.getByRole("heading", { level: 1 })).toContainText("Contributor");
    await adminPage.goto("/admin/audit?action=user.role_change");
    await expect(adminPage.getByRole("row", { name: new RegExp(target.name) })).toHaveCount(0);

    await client.dispose();
    await editorState.close();
    await contributorState.close();
    await admin.close();
  });
});
