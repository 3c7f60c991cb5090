import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ApiProblem, appErrorProblem, parsedOrProblem, problem, zodProblem } from "@/lib/api/problem";
import { AppError } from "@/lib/errors";
import { postFormSchema } from "@/lib/posts/schema";
import { EMPTY_POST_FORM } from "@/lib/posts/form-values";

describe("API problems (RFC 9457)", () => {
  it("builds application/problem+json with the status in the body too", async () => {
    const response = problem(404, "Not found", "No such post.", { href: "/x" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({ type: "about:blank", title: "Not found", status: 404, detail: "No such post.", href: "/x" });
  });

  it("maps each AppError code to the status that means it, its field to the API's name", () => {
    const statuses = (["INVALID_INPUT", "NOT_FOUND", "FORBIDDEN", "UNAUTHENTICATED", "CONFLICT", "RATE_LIMITED"] as const).map(
      (code) => appErrorProblem(new AppError(code, "x")).status,
    );
    expect(statuses).toEqual([422, 404, 403, 401, 409, 429]);
    const duplicate = appErrorProblem(new AppError("CONFLICT", "Already posted.", { field: "externalUrl", href: "/posts/a" }));
    expect(duplicate).toBeInstanceOf(ApiProblem);
    expect(duplicate.extra).toEqual({ errors: [{ field: "url", message: "Already posted." }], href: "/posts/a" });
    const stale = appErrorProblem(new AppError("CONFLICT", "Changed by Ana.", { currentVersion: 3, updatedBy: "Ana" }));
    expect(stale.extra).toEqual({ currentVersion: 3, updatedBy: "Ana" });
  });

  it("lists a zod refusal field by field, in the API's names, with the schema's own messages", () => {
    const parsed = postFormSchema.safeParse({ ...EMPTY_POST_FORM, title: "", externalUrl: "javascript:alert(1)" });
    expect(parsed.success).toBe(false);
    const refusal = zodProblem(parsed.error!);
    expect(refusal.status).toBe(422);
    const errors = refusal.extra.errors as { field: string; message: string }[];
    expect(errors.map((error) => error.field).sort()).toEqual(["title", "url"]);
    expect(errors.find((error) => error.field === "url")!.message).toMatch(/Only http:\/\/ and https:\/\/ URLs/);
    const unknown = z.strictObject({ a: z.string() }).safeParse({ a: "x", b: 1, c: 2 });
    expect((zodProblem(unknown.error!).extra.errors as { field: string }[]).map((error) => error.field)).toEqual(["b", "c"]);
  });

  it("hands back what a schema parsed, or throws its refusal as a 422 problem", () => {
    const schema = z.strictObject({ name: z.string().trim() });
    expect(parsedOrProblem(schema, { name: " x " })).toEqual({ name: "x" });
    let refusal: unknown;
    try {
      parsedOrProblem(schema, { name: 1, extra: true });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ApiProblem);
    expect((refusal as ApiProblem).status).toBe(422);
    expect(((refusal as ApiProblem).extra.errors as { field: string }[]).map((error) => error.field).sort()).toEqual(["extra", "name"]);
  });
});
