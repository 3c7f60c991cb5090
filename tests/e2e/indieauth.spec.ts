import { createHash, randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { expectNoSeriousAxeViolations, PASSWORD, USERS } from "./support";

const FIXTURE = process.env.E2E_FIXTURE_ORIGIN!;
const CLIENT_ID = `${FIXTURE}/indieauth-app/`;
const REDIRECT_URI = `${FIXTURE}/indieauth-app/callback`;

// An app that knows only the site's address: it discovers the endpoints from the home page, sends a signed-out
// browser through sign-in and the consent screen with PKCE, redeems the code on its server, then posts a bookmark
// with Micropub. The test plays the app's server with Playwright's request context (no cookies of the browser).
test("an IndieAuth app signs in with the site's address through the consent screen, gets a token and posts a bookmark", async ({
  browser,
  request,
  baseURL,
}) => {
  const home = await request.get("/");
  const html = await home.text();
  const linkHref = (rel: string) => new RegExp(`<link rel="${rel}" href="([^"]+)"`).exec(html)?.[1];
  const metadataUrl = linkHref("indieauth-metadata");
  expect(metadataUrl, "the home page links to the IndieAuth metadata").toBeTruthy();
  const metadata = (await (await request.get(metadataUrl!)).json()) as { authorization_endpoint: string; token_endpoint: string; issuer: string };
  expect(metadata.authorization_endpoint).toBe(linkHref("authorization_endpoint"));

  const verifier = randomBytes(32).toString("base64url");
  const state = randomBytes(8).toString("hex");
  const authorize = new URL(metadata.authorization_endpoint);
  for (const [name, value] of Object.entries({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    scope: "create profile",
    me: `${baseURL}/`,
  }))
    authorize.searchParams.set(name, value);

  // A signed-out browser is asked to sign in first, then comes to the consent screen with the request intact.
  const person = await browser.newContext();
  const page = await person.newPage();
  await page.goto(authorize.href);
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel("Email").fill(USERS.editor.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow Fixture Poster to use your account?" })).toBeVisible();
  await expect(page.getByText(CLIENT_ID)).toBeVisible();
  await expect(page.getByRole("checkbox", { name: /create and publish posts/ })).toBeChecked();
  await expectNoSeriousAxeViolations(page);
  await page.getByLabel("Access lasts").selectOption("30");
  await page.getByRole("button", { name: "Allow Fixture Poster" }).click();

  // Back at the app with a code, the state it sent and the issuer.
  await expect(page.getByRole("heading", { name: "Back at Fixture Poster" })).toBeVisible();
  const back = new URL(page.url());
  expect(back.searchParams.get("state")).toBe(state);
  expect(back.searchParams.get("iss")).toBe(metadata.issuer);
  const code = back.searchParams.get("code")!;

  const redeem = () =>
    request.post(metadata.token_endpoint, {
      form: { grant_type: "authorization_code", code, client_id: CLIENT_ID, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    });
  const tokenAnswer = await redeem();
  expect(tokenAnswer.status()).toBe(200);
  const token = (await tokenAnswer.json()) as { access_token: string; scope: string; me: string; profile: { name: string } };
  expect(token).toMatchObject({ scope: "create profile", me: metadata.issuer, profile: { name: USERS.editor.name } });

  // The app posts a bookmark with the token to the Micropub endpoint the home page names, and the post is on the site.
  expect(linkHref("micropub")).toBe(`${baseURL}/micropub`);
  const title = `Bookmarked from an app ${Date.now().toString(36)}`;
  const created = await request.post("/micropub", {
    headers: { authorization: `Bearer ${token.access_token}` },
    form: { h: "entry", "bookmark-of": `${FIXTURE}/articles/zero-trust?run=${state}`, name: title, "category[]": "indieweb" },
  });
  expect(created.status()).toBe(201);
  await page.goto(created.headers().location);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // The person sees the app's token among theirs, and can revoke it.
  await page.goto("/admin/account/tokens");
  await expect(page.getByRole("row", { name: /Fixture Poster \(IndieAuth\)/ })).toBeVisible();

  // A code works once; presented again (it may have been stolen) it also revokes the token it gave.
  expect((await redeem()).status()).toBe(400);
  const afterReplay = await request.post("/micropub", { headers: { authorization: `Bearer ${token.access_token}` }, form: { h: "entry", name: "x" } });
  expect(afterReplay.status()).toBe(401);
  await person.close();
});
