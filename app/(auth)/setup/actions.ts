"use server";

import type { z } from "zod";
import { formValues, publicAction, redirectTo } from "@/lib/server/action";
import { setupSchema, type SetupValues } from "@/lib/users/schema";
import { createOwner } from "@/lib/users/accounts";

// POST /setup: creates the owner account. Needs no session, but createOwner refuses once any user exists.
export const createOwnerAction = publicAction<z.output<typeof setupSchema>, SetupValues>({
  // The password is never echoed back into the page.
  values: (formData) => ({ ...formValues(formData, ["name", "email"]), password: "" }),
  schema: setupSchema,
  input: (formData, values) => ({ ...values, password: String(formData.get("password") ?? "") }),
  run: async (input) => {
    await createOwner(input);
    return redirectTo("/login?setup=done");
  },
});
