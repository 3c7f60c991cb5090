import { expect } from "vitest";
import { AppError } from "@/lib/errors";

/** Awaits a promise that must reject with an AppError of the given code (and field or message); returns the error. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: AppError["code"],
  expected: { field?: string; message?: RegExp } = {},
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.code).toBe(code);
  if (expected.field) expect(appError.details.field).toBe(expected.field);
  if (expected.message) expect(appError.userMessage).toMatch(expected.message);
  return appError;
}
