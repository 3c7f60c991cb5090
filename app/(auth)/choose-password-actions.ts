"use server";

import { z } from "zod";
import { invalidInputState } from "@/lib/action-state";
import { startSession } from "@/lib/auth/start-session";
import { currentRequestMeta } from "@/lib/http/request-context";
import { publicAction, redirectTo } from "@/lib/server/action";
import { acceptInvitation } from "@/lib/users/invitations";
import { resetPasswordWithToken } from "@/lib/users/password-resets";
import { choosePasswordSchema, type ChoosePasswordValues } from "@/lib/users/schema";

// The kind comes from the form, but a token only works for the kind it was issued as.
const chooseSchema = choosePasswordSchema.extend({ kind: z.enum(["invite", "reset"]) });

// POST /invite/<token> and /reset-password/<token>: choose a password with a one-time link (no session needed; the
// link is the proof). Accepting an invitation signs the person in; a reset leaves that to them, so the sign-in form's
// second factor still guards the account.
export const choosePasswordAction = publicAction<z.output<typeof chooseSchema>, ChoosePasswordValues>({
  schema: chooseSchema,
  input: (formData) => ({
    token: formData.get("token"),
    password: formData.get("password") ?? "",
    kind: formData.get("kind") === "invite" ? "invite" : "reset",
  }),
  invalid: (error) =>
    error.issues.some((issue) => issue.path[0] === "token")
      ? { status: "error", message: "This link is not valid. Ask an admin for a new one." }
      : invalidInputState(error, {}),
  run: async ({ token, password, kind }) => {
    const meta = await currentRequestMeta();
    if (kind === "reset") {
      await resetPasswordWithToken(token, password, meta);
      return redirectTo("/login?password=reset");
    }
    const { email } = await acceptInvitation(token, password, meta);
    return redirectTo((await startSession({ email, password }, meta)) ? "/admin" : "/login?password=accepted");
  },
});
