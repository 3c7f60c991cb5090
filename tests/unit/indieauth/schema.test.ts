import { describe, expect, it } from "vitest";
import { authorizationRequestSchema, clientIdProblem, indieAuthMetadata, readScopeParameter, tokenScopesFor } from "@/lib/indieauth/schema";

describe("IndieAuth client_id rules (§3.2)", () => {
  it.each(["https://app.example/", "https://app.example/path?x=1", "http://127.0.0.1:8080/app", "http://[::1]/app", "https://app.example:8443/"])(
    "allows %s",
    (clientId) => expect(clientIdProblem(clientId)).toBeNull(),
  );

  it.each([
    ["ftp://app.example/", /http or https/],
    ["javascript:alert(1)//", /http or https/],
    ["https://app.example/#x", /fragment/],
    ["https://user:pw@app.example/", /user name or password/],
    ["https://app.example/a/../b", /path segments/],
    ["https://app.example/./b", /path segments/],
    ["https://10.1.2.3/", /IP address/],
    ["https://[2001:db8::1]/", /IP address/],
    ["not a url", /not a URL/],
  ])("refuses %s", (clientId, message) => expect(clientIdProblem(clientId)).toMatch(message));
});

describe("IndieAuth scopes", () => {
  it("splits what Linkpress grants from what it does not know, once each", () => {
    expect(readScopeParameter("create  media create profile email")).toEqual({ known: ["create", "profile"], unknown: ["media", "email"] });
    expect(readScopeParameter(undefined)).toEqual({ known: [], unknown: [] });
  });

  it("grants publishing only for create; drafts, updates and deletes need writing alone; profile grants no API access", () => {
    expect(tokenScopesFor(["create"]).sort()).toEqual(["posts:publish", "posts:read", "posts:write"]);
    expect(tokenScopesFor(["draft", "update", "delete", "undelete"]).sort()).toEqual(["posts:read", "posts:write"]);
    expect(tokenScopesFor(["profile"])).toEqual([]);
  });
});

describe("IndieAuth authorization requests", () => {
  const valid = {
    client_id: "https://app.example/",
    redirect_uri: "https://app.example/cb",
    state: "s",
    code_challenge: "a".repeat(43),
    code_challenge_method: "S256",
  };

  it("takes a PKCE S256 request, with response_type code by default", () => {
    expect(authorizationRequestSchema.parse(valid)).toMatchObject({ response_type: "code" });
  });

  it.each([
    [{ code_challenge_method: "plain" }, /S256/],
    [{ code_challenge: "short" }, /base64url/],
    [{ response_type: "token" }, /response_type=code/],
    [{ redirect_uri: "data:text/html,x" }, /http or https/],
  ])("refuses %o", (overrides, message) => {
    const parsed = authorizationRequestSchema.safeParse({ ...valid, ...overrides });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(message);
  });

  it("names the endpoints under the site's address, the issuer ending in a slash", () => {
    expect(indieAuthMetadata("https://links.example")).toMatchObject({
      issuer: "https://links.example/",
      authorization_endpoint: "https://links.example/indieauth/authorize",
      token_endpoint: "https://links.example/indieauth/token",
    });
  });
});
