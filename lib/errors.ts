export type AppErrorCode = "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED" | "CONFLICT" | "INVALID_INPUT" | "RATE_LIMITED";

/** Where the failure lies and what to do about it; a stale save also names the post's current version and its editor. */
export type AppErrorDetails = { field?: string; href?: string; hrefLabel?: string; currentVersion?: number; updatedBy?: string | null };

/** An expected failure with a message the user can act on; anything else is logged and shown generically. */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly userMessage: string,
    readonly details: AppErrorDetails = {},
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The column(s) behind a unique-constraint violation (Prisma P2002), whichever driver adapter raised it. */
export function uniqueViolationTarget(error: unknown): string[] | null {
  if (typeof error !== "object" || error === null || (error as { code?: unknown }).code !== "P2002") return null;
  const meta = (error as { meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown } } } } }).meta;
  const target = meta?.target ?? meta?.driverAdapterError?.cause?.constraint?.fields;
  if (Array.isArray(target)) return target.map(String);
  return typeof target === "string" ? [target] : [];
}
