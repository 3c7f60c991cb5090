"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { z } from "zod";
import { errorState, type ActionState } from "@/lib/action-state";
import { canManageTaxonomy } from "@/lib/auth/permissions";
import { requireUser } from "@/lib/auth/session";
import { revalidatePublicContent } from "@/lib/cache/public-content";
import { AppError } from "@/lib/errors";
import { discardUpload, runImportJob } from "@/lib/import/jobs";
import { cancelImportJob, confirmImportJob, resumeImportJob } from "@/lib/import/mutations";
import { jobIdSchema } from "@/lib/import/schema";

const resumeSchema = jobIdSchema.extend({ status: z.enum(["CHECKING", "RUNNING"]) });

/** Runs the job's next phase once the response has gone out, so a large import never holds the request. */
function runAfterResponse(jobId: string): void {
  after(() => runImportJob(jobId, { onPublicChange: revalidatePublicContent }));
}

async function requireImporter() {
  const user = await requireUser();
  if (!canManageTaxonomy(user)) throw new AppError("FORBIDDEN", "Only editors and admins can import posts.");
  return user;
}

const UNKNOWN_JOB: ActionState = { status: "error", message: "Which import? Reload the page and try again." };

// "Import N posts" after the dry run.
export async function confirmImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = jobIdSchema.safeParse({ jobId: formData.get("jobId") });
  try {
    const user = await requireImporter();
    if (!parsed.success) return UNKNOWN_JOB;
    await confirmImportJob(user, parsed.data.jobId);
  } catch (error) {
    return errorState(error, {});
  }
  runAfterResponse(parsed.data.jobId);
  redirect(`/admin/import/${parsed.data.jobId}`);
}

// "Cancel" on the dry run: nothing is imported and the upload is deleted.
export async function cancelImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = jobIdSchema.safeParse({ jobId: formData.get("jobId") });
  try {
    const user = await requireImporter();
    if (!parsed.success) return UNKNOWN_JOB;
    await cancelImportJob(user, parsed.data.jobId);
    await discardUpload(parsed.data.jobId);
  } catch (error) {
    return errorState(error, {});
  }
  redirect("/admin/import?cancelled=1");
}

// "Resume" for a job whose server stopped while it ran; files already imported come out unchanged.
export async function resumeImportAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
  const parsed = resumeSchema.safeParse({ jobId: formData.get("jobId"), status: formData.get("status") });
  try {
    const user = await requireImporter();
    if (!parsed.success) return UNKNOWN_JOB;
    await resumeImportJob(user, parsed.data.jobId, parsed.data.status);
  } catch (error) {
    return errorState(error, {});
  }
  runAfterResponse(parsed.data.jobId);
  redirect(`/admin/import/${parsed.data.jobId}`);
}
