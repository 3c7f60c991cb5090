// npm run token:create's work, apart from the process (lib/cli/create-token.ts), so tests can run it: the arguments
// checked, then a token created for the account with that email. The database is imported only once the arguments
// are good, as the client reads DATABASE_URL when it loads.
import { parseArgs } from "node:util";
import { tokenCommandSchema } from "./schema";

export type CommandOutcome = { code: 0 | 1; out: string[]; err: string[] };

export const TOKEN_CREATE_USAGE = "Usage: npm run token:create -- --email <owner> --name <name> --scopes posts:read,posts:write[,…] [--days N]";

/** Runs `token:create` with these arguments; on success the secret is the last line of `out`, alone. */
export async function runTokenCreate(argv: string[], now = new Date()): Promise<CommandOutcome> {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: { email: { type: "string" }, name: { type: "string" }, scopes: { type: "string" }, days: { type: "string" } },
    }));
  } catch (error) {
    return { code: 1, out: [], err: [`✗ ${error instanceof Error ? error.message : String(error)}`, TOKEN_CREATE_USAGE] };
  }
  const parsed = tokenCommandSchema.safeParse({ ...values, email: values.email ?? "", name: values.name ?? "", days: values.days ?? null });
  if (!parsed.success) {
    const err = parsed.error.issues.map((issue) => `✗ --${String(issue.path[0] ?? "arguments")}: ${issue.message}`);
    return { code: 1, out: [], err: [...err, TOKEN_CREATE_USAGE] };
  }
  const { email, name, scopes, days } = parsed.data;
  const { createApiTokenForEmail } = await import("./mutations");
  try {
    const token = await createApiTokenForEmail(email, { name, scopes, days }, now);
    const expiry = token.expiresAt ? `expires ${token.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC` : "never expires";
    return {
      code: 0,
      out: [`✓ Created token “${token.name}” for ${email} (${scopes.join(", ")}; ${expiry}). Copy it now: it is not shown again.`, token.secret],
      err: [],
    };
  } catch (error) {
    const message = error instanceof Error && "userMessage" in error ? (error as { userMessage: string }).userMessage : null;
    if (!message) throw error;
    return { code: 1, out: [], err: [`✗ ${message}`] };
  }
}
