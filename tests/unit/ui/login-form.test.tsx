import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LoginForm } from "@/components/auth/login-form";

// The page as sent, before its script runs: a click then must not send the password in the address (a form's default
// method is GET), and the button waits for the script that signs in.
describe("the sign-in form before its script runs", () => {
  const html = renderToStaticMarkup(<LoginForm callbackPath="/admin" />);

  it("is a POST form, so nothing typed can end up in the address", () => {
    expect(html).toMatch(/^<form [^>]*\bmethod="post"/);
  });

  it("offers its Sign in button disabled until the script is ready", () => {
    expect(html).toMatch(/<button class="button button--primary" type="submit" disabled="">Sign in<\/button>/);
  });
});
