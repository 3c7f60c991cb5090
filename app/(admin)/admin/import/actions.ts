"use server";

import { z } from "zod";
import { canImport } from "@/lib/auth/permissions";
import type { CurrentUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { discardUpload, queueImportRun } from "@/lib/import/jobs";
import { cancelImportJob, confirmImportJob, resumeImportJob } from "@/lib/import/job-state";
import { jobIdSchema } from "@/lib/import/schema";
import { redirectTo, userAction } from "@/lib/server/action";

const jobFormSchema = jobIdSchema.extend({ status: z.enum(["CHECKING", "RUNNING"]).optional() });
type JobForm = z.infer<typeof jobFormSchema>;

/** The steps every button on a job's page shares: who, which job, the change; `change` then says where to go. */
function jobAction(change: (user: CurrentUser, form: JobForm) => Promise<string>) {
  return userAction({
    allowed: canImport,
    forbidden: "Only editors and admins can import posts.",
    schema: jobFormSchema,
    input: (formData) => ({ jobId: formData.get("jobId"), status: formData.get("status") ?? undefined }),
    invalid: () => ({ status: "error", message: "Which import? Reload the page and try again." }),
    run: async (user, form) => redirectTo(await change(user, form)),
  });
}

// "Import N posts" after the dry run.
export const confirmImportAction = jobAction(async (user, { jobId }) => {
  await confirmImportJob(user, jobId);
  await queueImportRun(jobId);
  return `/admin/import/${jobId}`;
});

// "Cancel" on the dry run: nothing is imported and the upload is deleted.
export const cancelImportAction = jobAction(async (user, { jobId }) => {
  await cancelImportJob(user, jobId);
  await discardUpload(jobId);
  return "/admin/import?cancelled=1";
});

// "Resume" for a job whose server stopped while it ran; files already imported come out unchanged.
export const resumeImportAction = jobAction(async (user, { jobId, status }) => {
  if (!status) throw new AppError("INVALID_INPUT", "Reload the page and try again.");
  await resumeImportJob(user, jobId, status);
  await queueImportRun(jobId);
  return `/admin/import/${jobId}`;
});
