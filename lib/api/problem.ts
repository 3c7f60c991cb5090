import "server-only";
// The REST API's errors as RFC 9457 problem details (application/problem+json): one builder, one status per kind of
// refusal, and a field list for invalid input.
import type { z } from "zod";
import type { AppError, AppErrorCode } from "@/lib/errors";

export type FieldError = { field: string; message: string };

/** A refusal a handler or the wrapper raises with its HTTP status (400, 413, 422…); apiRoute answers it as a problem. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = "ApiProblem";
  }
}

/** A problem+json response. */
export function problem(status: number, title: string, detail: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ type: "about:blank", title, status, detail, ...extra }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

// The API names a post's article URL `url`; the form (and so the schema and the mutations) `externalUrl`.
const API_FIELD_NAMES: Record<string, string> = { externalUrl: "url" };

export function apiFieldName(field: string): string {
  return API_FIELD_NAMES[field] ?? field;
}

/** 422 with one entry per invalid field, in the API's field names. */
export function validationProblem(errors: FieldError[], detail = "Some fields are invalid; see errors.") {
  return new ApiProblem(422, "Invalid input", detail, { errors });
}

/** A zod refusal as a 422 problem: each issue's path (an unknown key names itself) with the schema's own message. */
export function zodProblem(error: z.ZodError): ApiProblem {
  const errors = error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") return issue.keys.map((key) => ({ field: key, message: "This field is not part of the API." }));
    return [{ field: apiFieldName(issue.path.map(String).join(".")), message: issue.message }];
  });
  return validationProblem(errors);
}

/** The value as `schema` parses it, or its refusal as a 422 problem. */
export function parsedOrProblem<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw zodProblem(parsed.error);
  return parsed.data;
}

const APP_ERROR_STATUS: Record<AppErrorCode, { status: number; title: string }> = {
  INVALID_INPUT: { status: 422, title: "Invalid input" },
  NOT_FOUND: { status: 404, title: "Not found" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  UNAUTHENTICATED: { status: 401, title: "Authentication required" },
  CONFLICT: { status: 409, title: "Conflict" },
  RATE_LIMITED: { status: 429, title: "Too many requests" },
};

/** An expected failure from lib/ as a problem: its message as the detail, its field as a field error. */
export function appErrorProblem(error: AppError): ApiProblem {
  const { status, title } = APP_ERROR_STATUS[error.code];
  const { field, href, currentVersion, updatedBy } = error.details;
  const extra: Record<string, unknown> = {};
  if (field) extra.errors = [{ field: apiFieldName(field), message: error.userMessage }];
  if (href) extra.href = href;
  if (currentVersion !== undefined) Object.assign(extra, { currentVersion, updatedBy: updatedBy ?? null });
  return new ApiProblem(status, title, error.userMessage, extra);
}
