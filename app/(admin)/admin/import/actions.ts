"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { errorState, type ActionState } from "@/lib/action-state";
import { canImport, type Actor } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { AppError } from "@/lib/errors";
import { discardUpload, runImportJob } from "@/lib/import/jobs";
import { cancelImportJob, confirmImportJob, resumeImportJob } from "@/lib/import/job-state";
import { jobIdSchema } from "@/lib/import/schema";

const jobFormSchema = jobIdSchema.extend({ status: z.enum(["CHECKING", "RUNNING"]).optional() });
type JobForm = z.infer<typeof jobFormSchema>;

/** Runs the job's next phase once the response has gone out, so a large import never holds the request. */
function runAfterResponse(jobId: string): void {
  after(() => runImportJob(jobId, { onPublicChange: revalidatePublicContent }));
}

/** The steps every button on a job's page shares: who, which job, the change; the caller then says where to go. */
async function changeJob(formData: FormData, change: (user: Actor, form: JobForm) => Promise<void>): Promise<ActionState | JobForm> {
  const parsed = jobFormSchema.safeParse({ jobId: formData.get("jobId"), status: formData.get("status") ?? undefined });
  try {
    const user = await requireUser();
    if (!canImport(user)) throw new AppError("FORBIDDEN", "Only editors and admins can import posts.");
    if (!parsed.success) return { status: "error", message: "Which import? Reload the page and try again." };
    await change(user, parsed.data);
    return parsed.data;
  } catch (error) {
    return errorState(error, {});
  }
}

// "Import N posts" after the dry run.
export async function confirmImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await changeJob(formData, (user, { jobId }) => confirmImportJob(user, jobId));
  if (!("jobId" in result)) return result;
  runAfterResponse(result.jobId);
  redirect(`/admin/import/${result.jobId}`);
}

// "Cancel" on the dry run: nothing is imported and the upload is deleted.
export async function cancelImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await changeJob(formData, async (user, { jobId }) => {
    await cancelImportJob(user, jobId);
    await discardUpload(jobId);
  });
  if (!("jobId" in result)) return result;
  redirect("/admin/import?cancelled=1");
}

// "Resume" for a job whose server stopped while it ran; files already imported come out unchanged.
export async function resumeImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const result = await changeJob(formData, (user, { jobId, status }) => {
    if (!status) throw new AppError("INVALID_INPUT", "Reload the page and try again.");
    return resumeImportJob(user, jobId, status);
  });
  if (!("jobId" in result)) return result;
  runAfterResponse(result.jobId);
  redirect(`/admin/import/${result.jobId}`);
}
