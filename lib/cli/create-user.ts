// npm run user:create -- --email a@b.c --name "Ada" --role ADMIN|EDITOR|CONTRIBUTOR  (password from LINKPRESS_PASSWORD or stdin)
import { parseArgs } from "node:util";
import { loadEnvConfig } from "@next/env";
import { z } from "zod";
import { emailSchema } from "../auth/schema";
import { roleSchema, nameSchema, passwordSchema } from "../users/schema";

const argsSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema, password: passwordSchema });

async function readPassword(): Promise<string> {
  if (process.env.LINKPRESS_PASSWORD) return process.env.LINKPRESS_PASSWORD;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

async function main() {
  loadEnvConfig(process.cwd());
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" }, role: { type: "string", default: "EDITOR" } } });
  const parsed = argsSchema.safeParse({ ...values, role: values.role?.toUpperCase(), password: await readPassword() });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`✗ ${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  // Imported late: the database client reads DATABASE_URL when it loads.
  const { createUserAccount } = await import("../users/accounts");
  const user = await createUserAccount(parsed.data);
  console.log(`✓ Created ${user.role.toLowerCase()} ${user.email}`);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`✗ ${error instanceof Error && "userMessage" in error ? (error as { userMessage: string }).userMessage : String(error)}`);
  process.exit(1);
});
