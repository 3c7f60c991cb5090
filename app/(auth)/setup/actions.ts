"use server";

import { redirect } from "next/navigation";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { setupSchema, type SetupValues } from "@/lib/users/schema";
import { createOwner } from "@/lib/users/accounts";

export type SetupState = ActionState<SetupValues>;

// POST /setup: creates the owner account. Needs no session, but createOwner refuses once any user exists.
export async function createOwnerAction(_previous: SetupState, formData: FormData): Promise<SetupState> {
  const values = {
    name: String(formData.get("name") ?? ""),
    email: String(formData.get("email") ?? ""),
    // The password is never echoed back into the page.
    password: "",
  };
  const parsed = setupSchema.safeParse({ ...values, password: String(formData.get("password") ?? "") });
  if (!parsed.success) {
    return invalidInputState(parsed.error, values);
  }
  try {
    await createOwner(parsed.data);
  } catch (error) {
    return errorState(error, values);
  }
  redirect("/login?setup=done");
}
