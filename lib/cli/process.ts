import { spawn } from "node:child_process";
import path from "node:path";

/** The production build's folder (read when asked: the benchmark sets its own), and the server bundled into it. */
export function distDir(): string {
  return process.env.NEXT_DIST_DIR || ".next";
}

export function serverBundle(): string {
  return path.join(distDir(), "linkpress-server.js");
}

/** A project binary from node_modules/.bin, run directly so that killing it leaves no orphaned child. */
export function bin(name: string): string {
  return path.resolve("node_modules", ".bin", name);
}

// V8's defaults let the heap grow far past what the server keeps alive; these bounds hold the resident size near
// 260 MB under load at almost no cost in speed (scripts/bench.ts measures both). NODE_OPTIONS overrides either.
const MEMORY_FLAGS = { "--max-old-space-size": 256, "--max-semi-space-size": 8 };

// glibc gives each thread that allocates (the libuv pool compressing pages, V8's helper threads) an arena of its own
// and hands little of it back: with two arenas a crawl of 5,000 cold post pages ended at 311 MB resident instead of
// 341 MB, at the same speed. MALLOC_ARENA_MAX in the environment overrides it.
const ALLOCATOR_ENV: Record<string, string> = process.env.MALLOC_ARENA_MAX ? {} : { MALLOC_ARENA_MAX: "2" };

/**
 * The command, arguments and extra environment that start the production server (lib/server/main.ts, bundled by the
 * build; it listens on PORT).
 */
export function productionServerCommand(hostname?: string): [string, string[], Record<string, string>] {
  const chosen = process.env.NODE_OPTIONS ?? "";
  const memory = Object.entries(MEMORY_FLAGS)
    .filter(([flag]) => !chosen.includes(flag))
    .map(([flag, megabytes]) => `${flag}=${megabytes}`);
  return [process.execPath, [...memory, serverBundle(), ...(hostname ? ["--hostname", hostname] : [])], ALLOCATOR_ENV];
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
type RunOptions = {
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Print the output only when the command fails. */
  quiet?: boolean;
  /** Print the output as it comes, each line after this label (for commands that run side by side). */
  prefix?: string;
};

/** Writes each complete line of a stream to `out` after `prefix`; a partial last line waits for the rest. */
function prefixLines(stream: NodeJS.ReadableStream, prefix: string, out: NodeJS.WritableStream): void {
  let pending = "";
  stream.setEncoding("utf8");
  stream.on("data", (chunk: string) => {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) out.write(`${prefix}${line}\n`);
  });
  stream.on("end", () => pending && out.write(`${prefix}${pending}\n`));
}

export function run(command: string, args: string[], options: RunOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: options.quiet || options.prefix ? ["ignore", "pipe", "pipe"] : "inherit",
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
    });
    const output: Buffer[] = [];
    if (options.prefix) {
      prefixLines(child.stdout!, options.prefix, process.stdout);
      prefixLines(child.stderr!, options.prefix, process.stderr);
    } else {
      child.stdout?.on("data", (chunk: Buffer) => output.push(chunk));
      child.stderr?.on("data", (chunk: Buffer) => output.push(chunk));
    }
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      const status = code ?? (signal ? 1 : 0);
      if (status !== 0 && output.length) process.stderr.write(Buffer.concat(output));
      resolve(status);
    });
  });
}

/** The environment every Linkpress script runs with: no telemetry, no Prisma update checks. */
export const QUIET_ENV = { NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" } as const;

/** The environment of a Prisma CLI run: quiet, and exiting as soon as its work is done (prisma/cli-exit-promptly.cjs). */
export function prismaCliEnv(databaseUrl: string): Record<string, string> {
  // Quoted: Node reads NODE_OPTIONS split at spaces, and the project's folder may have one.
  const exitPromptly = `--require ${JSON.stringify(path.resolve("prisma", "cli-exit-promptly.cjs"))}`;
  return { ...QUIET_ENV, DATABASE_URL: databaseUrl, NODE_OPTIONS: [process.env.NODE_OPTIONS, exitPromptly].filter(Boolean).join(" ") };
}
