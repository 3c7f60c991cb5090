"use server";

import { revalidatePath } from "next/cache";
import type { z } from "zod";
import { userAction } from "@/lib/server/action";
import { createApiToken, revokeApiToken } from "@/lib/tokens/mutations";
import { expiryDays, tokenCreateSchema, tokenIdSchema, type IssuedTokenState, type TokenCreateValues } from "@/lib/tokens/schema";

const TOKENS_PATH = "/admin/account/tokens";

// Create one of one's own personal access tokens; its secret comes back in the state, to be shown this once.
export const createTokenAction = userAction<z.output<typeof tokenCreateSchema>, TokenCreateValues, IssuedTokenState>({
  values: (formData) => ({
    name: String(formData.get("name") ?? ""),
    scopes: formData.getAll("scopes").map(String),
    days: String(formData.get("days") ?? ""),
  }),
  schema: tokenCreateSchema,
  run: async (user, input) => {
    const token = await createApiToken(user, user.id, { name: input.name, scopes: input.scopes, days: expiryDays(input.days) });
    return {
      status: "success",
      message: `The token “${token.name}” is created.`,
      issued: { name: token.name, secret: token.secret, expiresAt: token.expiresAt?.toISOString() ?? null },
      values: {},
    };
  },
  revalidate: () => revalidatePath(TOKENS_PATH),
});

// Revoke a token at once: one's own, or (for an admin, from a person's page) anyone's.
export const revokeTokenAction = userAction({
  schema: tokenIdSchema,
  input: (formData) => ({ tokenId: formData.get("tokenId") }),
  invalid: () => ({ status: "error", message: "Reload the page and try again." }),
  run: async (user, { tokenId }) => {
    const { ownerId } = await revokeApiToken(user, tokenId);
    revalidatePath(TOKENS_PATH);
    revalidatePath(`/admin/users/${ownerId}`);
    return { status: "success", message: "The token is revoked; it is refused from now on." };
  },
});
