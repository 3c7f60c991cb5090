// IndieAuth: the consent screen's actions, the token, authorization (profile) and revocation endpoints, and the
// metadata, called as Next calls them; the client's page is a local fixture site the fetcher is allowed to reach.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import * as metadataRoute from "@/app/.well-known/oauth-authorization-server/route";
import * as authorizeRoute from "@/app/indieauth/authorize/route";
import * as revokeRoute from "@/app/indieauth/revoke/route";
import * as tokenRoute from "@/app/indieauth/token/route";
import * as postsRoute from "@/app/api/v1/posts/route";
import type { Role } from "@/lib/auth/permissions";
import { prisma } from "@/lib/db";
import { CODE_LIFETIME_MS } from "@/lib/indieauth/schema";
import { createTestUser, describeDatabase, signInWithPassword, unique, type TestUser } from "../support/database";

const session = vi.hoisted(() => ({ id: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next-auth")>()),
  getServerSession: async () => (session.id ? { sessionId: session.id } : null),
}));
vi.mock("next/headers", async () => (await import("../support/next-stubs")).nextHeadersStub("192.0.2.80", "indieauth-test"));
vi.mock("next/cache", async () => (await import("../support/next-stubs")).nextCacheStub);

const consentActions = () => import("@/app/(admin)/admin/indieauth/actions");

// Clients on a local site: one with an h-app page, one with a JSON metadata document that declares a redirect
// elsewhere, one whose page is missing.
let server: Server;
let origin: string;
let otherOrigin: string;

type Body = Record<string, unknown>;

async function signIn(role: Role, name?: string): Promise<TestUser> {
  const user = await createTestUser(role, name);
  session.id = (await signInWithPassword(user.email, user.password, {}))!.sessionId;
  return user;
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizationRequest(challenge: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    response_type: "code",
    client_id: `${origin}/app/`,
    redirect_uri: `${origin}/app/callback`,
    state: unique("state"),
    code_challenge: challenge,
    code_challenge_method: "S256",
    scope: "create update profile",
    me: "http://localhost:3000/",
    ...overrides,
  };
}

type FormAction = (state: { status: "idle" }, data: FormData) => Promise<unknown>;

/** The action's state, or the address Next's redirect signal carries. */
async function send(action: FormAction, fields: Record<string, string | string[]>): Promise<{ redirect?: string } & Body> {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const one of [value].flat()) data.append(key, one);
  try {
    return (await action({ status: "idle" }, data)) as Body;
  } catch (error) {
    const digest = String((error as { digest?: string }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

async function allow(request: Record<string, string>, scopes = ["create", "update", "profile"], days = "90") {
  const { allowClientAction } = await consentActions();
  return send(allowClientAction as FormAction, { ...request, scopes, days });
}

async function post(handler: (request: Request) => Promise<Response>, path: string, form: Record<string, string>) {
  const response = await handler(
    new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
    }),
  );
  return { status: response.status, headers: response.headers, json: (await response.json()) as Body };
}

const redeem = (request: Record<string, string>, code: string, verifier: string, extra: Record<string, string> = {}) =>
  post(tokenRoute.POST, "/indieauth/token", {
    grant_type: "authorization_code",
    code,
    client_id: request.client_id,
    redirect_uri: request.redirect_uri,
    code_verifier: verifier,
    ...extra,
  });

/** Allows the request on the consent screen and reads the code from where the browser is sent. */
async function codeFor(request: Record<string, string>, scopes?: string[]) {
  const outcome = await allow(request, scopes);
  expect(outcome.redirect, JSON.stringify(outcome)).toBeDefined();
  const target = new URL(outcome.redirect!);
  expect(target.searchParams.get("state")).toBe(request.state);
  return target.searchParams.get("code")!;
}

const listPosts = (token: string) =>
  postsRoute.GET(new Request("http://localhost/api/v1/posts", { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });

describeDatabase("IndieAuth", () => {
  beforeAll(async () => {
    server = createServer((request, response) => {
      const path = (request.url ?? "/").split("?")[0];
      if (path === "/app/")
        return response.writeHead(200, { "content-type": "text/html; charset=utf-8" })
          .end(`<!doctype html><title>x</title><div class="h-app"><a class="u-url p-name" href="/app/">Fixture Poster</a></div>
<link rel="redirect_uri" href="${otherOrigin}/declared-callback">`);
      if (path === "/json-app")
        return response
          .writeHead(200, { "content-type": "application/json" })
          .end(JSON.stringify({ client_id: `${origin}/json-app`, client_name: "JSON Client", redirect_uris: [`${otherOrigin}/json-callback`] }));
      response.writeHead(404, { "content-type": "text/html" }).end("<p>not here</p>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Another origin for redirects (never fetched): the same server under its other loopback name.
    otherOrigin = `http://[::1]:${(server.address() as AddressInfo).port}`;
    process.env.LINKPRESS_FETCH_ALLOW = new URL(origin).host;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("publishes its metadata: PKCE S256 only, the code grant, the endpoints on the site's address", async () => {
    const metadata = (await (await metadataRoute.GET()).json()) as Body;
    expect(metadata).toMatchObject({
      code_challenge_methods_supported: ["S256"],
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      authorization_response_iss_parameter_supported: true,
    });
    const issuer = String(metadata.issuer);
    expect(metadata.authorization_endpoint).toBe(`${issuer}indieauth/authorize`);
    expect(metadata.token_endpoint).toBe(`${issuer}indieauth/token`);
  });

  it("sends the browser from the authorization endpoint to the consent page with the request", async () => {
    const response = authorizeRoute.GET(new Request("http://localhost/indieauth/authorize?client_id=x&state=y"));
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/admin/indieauth?client_id=x&state=y");
  });

  it("issues a token for the allowed scopes: a code back to the client, redeemed once with PKCE, working on the API", async () => {
    const editor = await signIn("EDITOR", "Indie Editor");
    const { verifier, challenge } = pkce();
    const request = authorizationRequest(challenge);
    const code = await codeFor(request);
    const answer = await redeem(request, code, verifier);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("cache-control")).toBe("no-store");
    expect(answer.json).toMatchObject({ token_type: "Bearer", scope: "create update profile", profile: { name: "Indie Editor" } });
    expect(String(answer.json.me)).toBe(answer.json.profile && (answer.json.profile as Body).url);
    expect(Number(answer.json.expires_in)).toBe(90 * 24 * 60 * 60);
    const secret = String(answer.json.access_token);
    expect(secret).toMatch(/^lp_/);

    // The same kind of token as one made by hand: listed for its owner, named for the app, acting on the API.
    const token = await prisma.apiToken.findFirstOrThrow({ where: { userId: editor.id, clientId: request.client_id } });
    expect(token).toMatchObject({ name: "Fixture Poster (IndieAuth)", scopes: "posts:read,posts:write,posts:publish", revokedAt: null });
    expect((await listPosts(secret)).status).toBe(200);
    const audit = await prisma.auditLog.findFirstOrThrow({ where: { action: "token.create", actorId: editor.id }, orderBy: { createdAt: "desc" } });
    expect(JSON.parse(audit.details!)).toMatchObject({ via: "indieauth", clientId: request.client_id });

    // A code is good once; presenting it again also revokes the token it gave (it may have been stolen).
    const again = await redeem(request, code, verifier);
    expect(again).toMatchObject({ status: 400, json: { error: "invalid_grant" } });
    expect((await listPosts(secret)).status).toBe(401);
  });

  it("refuses a code with the wrong verifier, client, redirect or after ten minutes, and never gives a token for profile alone", async () => {
    await signIn("EDITOR");
    const { verifier, challenge } = pkce();
    const request = authorizationRequest(challenge);
    const wrongVerifier = await redeem(request, await codeFor(request), pkce().verifier);
    expect(wrongVerifier.json).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/code_verifier/) });
    const otherClient = await redeem({ ...request, client_id: `${origin}/other/` }, await codeFor(request), verifier);
    expect(otherClient.json).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/another client_id/) });
    const otherRedirect = await redeem({ ...request, redirect_uri: `${origin}/app/elsewhere` }, await codeFor(request), verifier);
    expect(otherRedirect.json).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/redirect_uri/) });

    const stale = await codeFor(request);
    await prisma.indieAuthCode.updateMany({ where: { clientId: request.client_id, usedAt: null }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect((await redeem(request, stale, verifier)).json).toMatchObject({ error: "invalid_grant", error_description: expect.stringMatching(/expired/) });
    expect(CODE_LIFETIME_MS).toBe(10 * 60 * 1000);

    const profileOnly = await codeFor(authorizationRequest(challenge, { scope: "profile", state: request.state }), ["profile"]);
    expect((await redeem(request, profileOnly, verifier)).json).toMatchObject({ error: "invalid_grant" });

    expect((await redeem(request, "not-a-code", verifier)).json).toMatchObject({ error: "invalid_grant" });
    expect((await redeem(request, await codeFor(request), "short")).json).toMatchObject({ error: "invalid_request" });
    const wrongGrant = await redeem(request, "x", verifier, { grant_type: "refresh_token" });
    expect(wrongGrant).toMatchObject({ status: 400, json: { error: "unsupported_grant_type" } });
  });

  it("redeems a code at the authorization endpoint for the identity alone", async () => {
    const user = await signIn("CONTRIBUTOR", "Profile Person");
    const { verifier, challenge } = pkce();
    const request = authorizationRequest(challenge, { scope: "profile" });
    const code = await codeFor(request, ["profile"]);
    const answer = await post(authorizeRoute.POST, "/indieauth/authorize", {
      grant_type: "authorization_code",
      code,
      client_id: request.client_id,
      redirect_uri: request.redirect_uri,
      code_verifier: verifier,
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({ profile: { name: "Profile Person" } });
    expect(answer.json.access_token).toBeUndefined();
    expect(await prisma.apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("keeps what the person left out, and a contributor's token cannot publish whatever it was granted", async () => {
    const contributor = await signIn("CONTRIBUTOR");
    const { verifier, challenge } = pkce();
    const request = authorizationRequest(challenge, { scope: "create update delete media" });
    const answer = await redeem(request, await codeFor(request, ["create", "update"]), verifier);
    expect(answer.json.scope).toBe("create update");
    const created = await postsRoute.POST(
      new Request("http://localhost/api/v1/posts", {
        method: "POST",
        headers: { authorization: `Bearer ${answer.json.access_token}`, "content-type": "application/json" },
        body: JSON.stringify({ title: "From an app", url: `https://example.com/${unique("indie")}`, status: "published" }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(created.status).toBe(403);
    expect(await prisma.post.count({ where: { authorId: contributor.id } })).toBe(0);
  });

  it("accepts a redirect the client declares elsewhere (HTML and JSON metadata), and refuses one it does not", async () => {
    await signIn("EDITOR");
    const { challenge } = pkce();
    const declared = await allow(authorizationRequest(challenge, { redirect_uri: `${otherOrigin}/declared-callback` }));
    expect(declared.redirect).toMatch(new RegExp(`^${otherOrigin.replace(/[[\]]/g, "\\$&")}/declared-callback\\?code=`));
    const json = await allow(authorizationRequest(challenge, { client_id: `${origin}/json-app`, redirect_uri: `${otherOrigin}/json-callback` }));
    expect(json.redirect).toMatch(/json-callback\?code=/);

    const before = await prisma.indieAuthCode.count();
    const undeclared = await allow(authorizationRequest(challenge, { redirect_uri: "https://attacker.example/steal" }));
    expect(undeclared).toMatchObject({ status: "error", message: expect.stringMatching(/not on the client's own site/) });
    const { denyClientAction } = await consentActions();
    const denied = await send(denyClientAction as FormAction, authorizationRequest(challenge, { redirect_uri: "https://attacker.example/steal" }));
    expect(denied.redirect).toBeUndefined();
    expect(await prisma.indieAuthCode.count()).toBe(before);

    // A client whose page cannot be read is still allowed to its own origin, named by its host.
    const unknownClient = await allow(authorizationRequest(challenge, { client_id: `${origin}/missing/`, redirect_uri: `${origin}/missing/cb` }));
    expect(unknownClient.redirect).toMatch(/\/missing\/cb\?code=/);
    expect((await prisma.indieAuthCode.findFirstOrThrow({ where: { clientId: `${origin}/missing/` } })).clientName).toBe(new URL(origin).host);
  });

  it("denies: the browser goes back with access_denied and the state, and no code exists", async () => {
    const user = await signIn("EDITOR");
    const { challenge } = pkce();
    const request = authorizationRequest(challenge);
    const { denyClientAction } = await consentActions();
    const denied = await send(denyClientAction as FormAction, request);
    const target = new URL(denied.redirect!);
    expect(Object.fromEntries(target.searchParams)).toMatchObject({ error: "access_denied", state: request.state });
    expect(target.searchParams.get("iss")).toMatch(/^http/);
    expect(await prisma.indieAuthCode.count({ where: { userId: user.id } })).toBe(0);
  });

  it("refuses requests IndieAuth does not allow: no PKCE, plain PKCE, an IP client, a fragment, no state, signed out", async () => {
    await signIn("EDITOR");
    const { challenge } = pkce();
    const cases: [Record<string, string>, RegExp][] = [
      [{ code_challenge: "" }, /code_challenge/],
      [{ code_challenge_method: "plain" }, /S256/],
      [{ client_id: "http://10.0.0.8/app/", redirect_uri: "http://10.0.0.8/app/cb" }, /IP address/],
      [{ client_id: `${origin}/app/#frag` }, /fragment/],
      [{ client_id: `${origin}/app/../x/` }, /path segments/],
      [{ client_id: "javascript:alert(1)" }, /http or https/],
      [{ redirect_uri: "javascript:alert(1)" }, /redirect_uri/],
      [{ state: "" }, /state/],
      [{ response_type: "token" }, /response_type=code/],
    ];
    for (const [overrides, message] of cases) {
      const outcome = await allow(authorizationRequest(challenge, overrides));
      expect(outcome, JSON.stringify(overrides)).toMatchObject({ status: "error", message: expect.stringMatching(message) });
      expect(outcome.redirect).toBeUndefined();
    }
    session.id = null;
    await expect(allow(authorizationRequest(challenge))).resolves.toMatchObject({ status: "error" });
  });

  it("revokes a token at the revocation endpoint, and answers 200 for one it does not know", async () => {
    await signIn("EDITOR");
    const { verifier, challenge } = pkce();
    const request = authorizationRequest(challenge);
    const secret = String((await redeem(request, await codeFor(request), verifier)).json.access_token);
    expect((await listPosts(secret)).status).toBe(200);
    expect((await post(revokeRoute.POST, "/indieauth/revoke", { token: secret })).status).toBe(200);
    expect((await listPosts(secret)).status).toBe(401);
    expect((await post(revokeRoute.POST, "/indieauth/revoke", { token: `lp_${unique("nothing")}` })).status).toBe(200);
    expect((await post(revokeRoute.POST, "/indieauth/revoke", {})).json).toMatchObject({ error: "invalid_request" });
  });
});
