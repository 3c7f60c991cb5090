"use server";

import type { z } from "zod";
import { startSession } from "@/lib/auth/start-session";
import { currentRequestMeta } from "@/lib/http/request-context";
import { formValues, publicAction, redirectTo } from "@/lib/server/action";
import { setupSchema, type SetupValues } from "@/lib/users/schema";
import { createOwner } from "@/lib/users/accounts";

// POST /setup: creates the owner account and signs the owner in. Needs no session, but createOwner refuses once any
// user exists.
export const createOwnerAction = publicAction<z.output<typeof setupSchema>, SetupValues>({
  // The password is never echoed back into the page.
  values: (formData) => ({ ...formValues(formData, ["name", "email"]), password: "" }),
  schema: setupSchema,
  input: (formData, values) => ({ ...values, password: String(formData.get("password") ?? "") }),
  run: async (input) => {
    const owner = await createOwner(input);
    const signedIn = await startSession({ email: owner.email, password: input.password }, await currentRequestMeta());
    return redirectTo(signedIn ? "/admin" : "/login?setup=done");
  },
});
