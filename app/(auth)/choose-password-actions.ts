"use server";

import { redirect } from "next/navigation";
import { errorState, invalidInputState, type ActionState } from "@/lib/action-state";
import { currentRequestMeta } from "@/lib/http/request-context";
import { acceptInvitation } from "@/lib/users/invitations";
import { resetPasswordWithToken } from "@/lib/users/password-resets";
import { choosePasswordSchema, type ChoosePasswordValues } from "@/lib/users/schema";

export type ChoosePasswordState = ActionState<ChoosePasswordValues>;

// POST /invite/<token> and /reset-password/<token>: choose a password with a one-time link (no session needed; the
// link is the proof). The kind comes from the form, but a token only works for the kind it was issued as.
export async function choosePasswordAction(_previous: ChoosePasswordState, formData: FormData): Promise<ChoosePasswordState> {
  const kind = formData.get("kind") === "invite" ? "invite" : "reset";
  try {
    const parsed = choosePasswordSchema.safeParse({ token: formData.get("token"), password: formData.get("password") ?? "" });
    if (!parsed.success) {
      if (parsed.error.issues.some((issue) => issue.path[0] === "token")) return { status: "error", message: "This link is not valid. Ask an admin for a new one." };
      return invalidInputState(parsed.error, {});
    }
    const meta = await currentRequestMeta();
    if (kind === "invite") await acceptInvitation(parsed.data.token, parsed.data.password, meta);
    else await resetPasswordWithToken(parsed.data.token, parsed.data.password, meta);
  } catch (error) {
    return errorState(error, {});
  }
  redirect(`/login?password=${kind === "invite" ? "accepted" : "reset"}`);
}
