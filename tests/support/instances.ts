// Several app instances for real: a throwaway PostgreSQL database, production servers of the last build on it, and
// nginx in front of them with deploy/nginx/linkpress.conf (tests/e2e/instances.spec.ts).
import { spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../lib/cli/migrate";
import { SHARED_MAX_AGE_SECONDS } from "../../lib/http/cache-policy";
import { productionServerCommand, QUIET_ENV } from "../../lib/cli/process";

const root = path.resolve(__dirname, "../..");

/**
 * How long after a save on one instance its readers' pages (post, tag, home, feeds) must show it on every other
 * instance and through nginx. Another instance reads the invalidation table about once a second; nginx may serve a
 * page up to s-maxage old, and once more (stale, while it refreshes) when an instance re-rendered it in the second
 * before it read the invalidation: twice s-maxage plus a few seconds (docs/operations.md "Several instances").
 */
export const PUBLISH_VISIBLE_WITHIN_MS = (2 * SHARED_MAX_AGE_SECONDS + 5) * 1000;

export const NGINX_PATH = process.env.NGINX_PATH || "/usr/sbin/nginx";
export const NGINX_CONFIG = path.join(root, "deploy/nginx/linkpress.conf");
const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Why this machine cannot run nginx, or null. */
export function nginxMissingReason(): string | null {
  return existsSync(NGINX_PATH) ? null : `nginx is not installed at ${NGINX_PATH} (apt-get install nginx, or set NGINX_PATH); .ci/run installs it`;
}

/** Why this machine cannot run the instances test (nginx or PostgreSQL missing), or null. */
export async function instancesSkipReason(): Promise<string | null> {
  const nginx = nginxMissingReason();
  if (nginx) return nginx;
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return null;
  } catch (error) {
    return `PostgreSQL is not reachable at ${POSTGRES_ADMIN_URL.replace(/\/\/[^@]*@/, "//")} (${(error as Error).message}); set TEST_POSTGRES_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, migrated PostgreSQL database named linkpress_e2e_instances_<suffix>; drop it with dropDatabase. */
export async function createMigratedDatabase(suffix: string): Promise<string> {
  const name = `linkpress_e2e_instances_${suffix}`;
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  if ((await migrateDatabase(url.toString())) !== 0) throw new Error(`Migrating ${name} failed.`);
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  // Guard: only the databases createMigratedDatabase makes.
  if (!name.startsWith("linkpress_e2e_instances_")) throw new Error(`Refusing to drop ${name}.`);
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export type Running = { name: string; child: ChildProcess; output: () => string };

function track(name: string, child: ChildProcess): Running {
  const chunks: string[] = [];
  const keep = (chunk: Buffer) => {
    chunks.push(chunk.toString("utf8"));
    if (chunks.length > 400) chunks.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { name, child, output: () => chunks.join("") };
}

/** Resolves once `url` answers at all (any status); fails with the process's output when it exits or time runs out. */
export async function waitUntilServing(running: Running, url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`${running.name} exited with ${running.child.exitCode}:\n${running.output()}`);
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`${running.name} did not answer ${url} within ${timeoutMs} ms:\n${running.output()}`);
}

/**
 * One production server of the last build (`npm run test:e2e` builds it) on `port`, as an operator runs each instance
 * behind a proxy: the public URL, the shared secret, database and data folder, TRUST_PROXY=1.
 */
export function startInstance(
  name: string,
  options: { port: number; databaseUrl: string; publicUrl: string; secret: string; dataDir: string; env?: Record<string, string> },
): Running {
  const [command, args, serverEnv] = productionServerCommand();
  const child = spawn(command, args, {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      ...serverEnv,
      ...QUIET_ENV,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      NEXTAUTH_URL: options.publicUrl,
      SITE_URL: options.publicUrl,
      NEXTAUTH_SECRET: options.secret,
      TRUST_PROXY: "1",
      // Shared by the instances, as the data folder must be on several hosts (import uploads wait there for their job).
      LINKPRESS_DATA_DIR: options.dataDir,
      ...options.env,
    },
  });
  return track(name, child);
}

/** deploy/nginx/linkpress.conf with its {{…}} placeholders filled; refuses to leave one unfilled. */
export function renderNginxSite(values: Record<"LISTEN" | "SERVER_NAME" | "APP_A" | "APP_B" | "CACHE_DIR", string>): string {
  const text = readFileSync(NGINX_CONFIG, "utf8").replace(/\{\{(\w+)\}\}/g, (placeholder, key: string) => {
    if (!(key in values)) throw new Error(`deploy/nginx/linkpress.conf has an unknown placeholder ${placeholder}`);
    return values[key as keyof typeof values];
  });
  return text;
}

// nginx refuses to start as root without a `user` it can switch to; the test runs it as this unprivileged user instead.
const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/** nginx in the foreground with everything (config, pid, logs, temp files, cache) in a folder of its own. */
export function startNginx(options: { port: number; upstreams: [string, string] }): Running & { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "linkpress-nginx-"));
  for (const folder of ["logs", "temp", "cache"]) mkdirSync(path.join(dir, folder));
  writeFileSync(
    path.join(dir, "linkpress.conf"),
    renderNginxSite({
      LISTEN: `127.0.0.1:${options.port}`,
      SERVER_NAME: "localhost",
      APP_A: options.upstreams[0],
      APP_B: options.upstreams[1],
      CACHE_DIR: path.join(dir, "cache"),
    }),
  );
  // What Debian's /etc/nginx/nginx.conf would give around conf.d/linkpress.conf, with every path inside `dir`.
  writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/logs/error.log warn;`,
      "worker_processes 1;",
      "events { worker_connections 256; }",
      "http {",
      // Which instance answered each request, for the test to see the round robin.
      "  log_format upstreams '$upstream_addr $request';",
      `  access_log ${dir}/logs/access.log upstreams;`,
      ...["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((kind) => `  ${kind}_temp_path ${dir}/temp/${kind};`),
      `  include ${dir}/linkpress.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) for (const entry of [dir, ...readdirSync(dir).map((name) => path.join(dir, name))]) chownSync(entry, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  const child = spawn(NGINX_PATH, ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
    ...(asRoot ? UNPRIVILEGED : {}),
  });
  const running = track("nginx", child);
  return { ...running, dir, output: () => `${running.output()}${readIfThere(path.join(dir, "logs/error.log"))}` };
}

/** The distinct instance addresses nginx's access log names (the upstreams it sent requests to). */
export function nginxUpstreams(running: { dir: string }): string[] {
  const lines = readIfThere(path.join(running.dir, "logs/access.log")).split("\n");
  return [...new Set(lines.flatMap((line) => line.split(" ")[0]?.split(", ") ?? []).filter((address) => /:\d+$/.test(address)))];
}

function readIfThere(file: string): string {
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** SIGTERM, then SIGKILL after 10 s; resolves when the process has exited. */
export async function stop(running: Running | undefined): Promise<void> {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  const exited = new Promise((resolve) => running.child.once("exit", resolve));
  running.child.kill("SIGTERM");
  const timer = setTimeout(() => running.child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

export function removeFolder(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}
