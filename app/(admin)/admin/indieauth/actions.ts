"use server";

import { z } from "zod";
import { AppError } from "@/lib/errors";
import { authorizationRedirect, checkAuthorizationRequest } from "@/lib/indieauth/authorize";
import { issueAuthorizationCode } from "@/lib/indieauth/mutations";
import { authorizationParameters, consentSchema } from "@/lib/indieauth/schema";
import { redirectTo, userAction } from "@/lib/server/action";
import { expiryDays } from "@/lib/tokens/schema";

type ConsentValues = { scopes: string[]; days: string };

const consentValues = (formData: FormData): ConsentValues => ({ scopes: formData.getAll("scopes").map(String), days: String(formData.get("days") ?? "") });
const requestOf = (formData: FormData) => authorizationParameters((name) => (formData.has(name) ? String(formData.get(name)) : null));

/** The request checked again in full: the form's hidden fields are the client's word, not ours. */
async function checkedRequest(parameters: Record<string, string>) {
  const checked = await checkAuthorizationRequest(parameters);
  if (!checked.ok) throw new AppError("INVALID_INPUT", checked.problem);
  return checked;
}

// "Allow": a single-use code for the scopes the person kept (of those asked for), and the browser back to the client.
export const allowClientAction = userAction<z.output<typeof consentSchema>, ConsentValues>({
  values: consentValues,
  schema: consentSchema,
  input: (formData, values) => ({ request: requestOf(formData), scopes: values.scopes, days: values.days }),
  run: async (user, input) => {
    const checked = await checkedRequest(input.request);
    const scopes = input.scopes.filter((scope) => checked.requested.includes(scope));
    const code = await issueAuthorizationCode(user, { request: checked.request, client: checked.client, scopes, days: expiryDays(input.days) });
    return redirectTo(await authorizationRedirect(checked.request, { code }));
  },
});

// "Deny": the browser back to the client with access_denied, once the redirect is known to be the client's own.
export const denyClientAction = userAction({
  schema: z.object({ request: z.record(z.string(), z.string()) }),
  input: (formData) => ({ request: requestOf(formData) }),
  run: async (_user, input) => redirectTo(await authorizationRedirect((await checkedRequest(input.request)).request, { error: "access_denied" })),
});
