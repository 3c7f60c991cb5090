"use server";

import { revalidatePath } from "next/cache";
import { canManageJobs } from "@/lib/auth/permissions";
import { discardJob, retryJobNow } from "@/lib/jobs/mutations";
import { jobActionSchema } from "@/lib/jobs/schema";
import { redirectTo, userAction } from "@/lib/server/action";

// The job moves to another list (or away), so the outcome is said by the page it lands on (?done=…).
const jobAction = (run: typeof retryJobNow | typeof discardJob, done: "retried" | "discarded") =>
  userAction({
    allowed: canManageJobs,
    forbidden: "Only admins can manage background jobs.",
    schema: jobActionSchema,
    input: (formData) => ({ jobId: formData.get("jobId") }),
    invalid: () => ({ status: "error", message: "Which job? Reload the page and try again." }),
    run: async (user, { jobId }) => {
      await run(user, jobId);
      return redirectTo(`/admin/jobs?done=${done}`);
    },
    revalidate: () => revalidatePath("/admin/jobs"),
  });

// "Retry now" on a failed or dead job (admins only; the mutation checks again and writes the audit entry).
export const retryJobAction = jobAction(retryJobNow, "retried");

// "Discard" on a job that is not running: it is deleted and will not run.
export const discardJobAction = jobAction(discardJob, "discarded");
