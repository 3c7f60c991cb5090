import { spawn } from "node:child_process";
import path from "node:path";

/** A project binary from node_modules/.bin, run directly so that killing it leaves no orphaned child. */
export function bin(name: string): string {
  return path.resolve("node_modules", ".bin", name);
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
type RunOptions = { env?: Record<string, string | undefined>; cwd?: string };

export function run(command: string, args: string[], options: RunOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", cwd: options.cwd, env: { ...process.env, ...options.env } });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

export async function runOrExit(command: string, args: string[], options: RunOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n✗ ${path.basename(command)} ${args.join(" ")} failed (exit ${code}).`);
    process.exit(code);
  }
}

/** The environment every Linkpress script runs with: no telemetry, no Prisma update checks. */
export const QUIET_ENV = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } as const;
