// Route patterns for logs and metrics: "/posts/[slug]" rather than each post's address, so a log line never carries a
// secret from a path (a preview, reset or invitation token) and the metrics keep one series per route, not per page.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

type Route = { pattern: string; regex: RegExp; rank: number[] };
export type RouteMatcher = {
  /** The route pattern a path belongs to, or null when no route has it (a 404, a file from public/). */
  match(pathname: string): string | null;
  /**
   * What a log may say of the path (its pattern, or the path itself when no route has it and it holds no secret) and
   * its label for metrics (its pattern, or one of a few fixed names, so made-up addresses add no series).
   */
  describe(pathname: string): { log: string; metric: string };
};

// Answered by the HTTP server itself (./operations.ts), never by Next.
export const OPERATIONS_ROUTES = ["/healthz", "/readyz", "/metrics"];
// A path segment named so carries a secret: a path under its route's fixed part is logged as the pattern even when
// the rest does not match (a token with something appended).
const SECRET_PARAM = /^\[token\]$/;

function segmentRegex(segment: string): string {
  if (/^\[\[\.\.\.[^\]]+\]\]$/.test(segment)) return "(?:/.+)?";
  if (/^\[\.\.\.[^\]]+\]$/.test(segment)) return "/.+";
  if (/^\[[^\]]+\]$/.test(segment)) return "/[^/]+";
  return `/${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`;
}

// Fixed segments before parameters, parameters before catch-alls: the order Next itself matches in.
function segmentRank(segment: string): number {
  if (segment.startsWith("[[...")) return 3;
  if (segment.startsWith("[...")) return 2;
  return segment.startsWith("[") ? 1 : 0;
}

function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) if (a[i] !== b[i]) return a[i] - b[i];
  return b.length - a.length;
}

/** A matcher over the app's route patterns (Next's notation: [param], [...rest], [[...optional]]). */
export function routeMatcher(patterns: Iterable<string>): RouteMatcher {
  const fixed = new Set<string>(OPERATIONS_ROUTES);
  const dynamic: Route[] = [];
  const secretPrefixes: Array<{ prefix: string; pattern: string }> = [];
  for (const pattern of new Set(patterns)) {
    const segments = pattern.split("/").filter(Boolean);
    if (!segments.some((segment) => segment.startsWith("["))) {
      fixed.add(pattern === "" ? "/" : pattern);
      continue;
    }
    const regex = new RegExp(`^${segments.map(segmentRegex).join("")}$`);
    dynamic.push({ pattern, regex, rank: segments.map(segmentRank) });
    const secretAt = segments.findIndex((segment) => SECRET_PARAM.test(segment));
    if (secretAt >= 0) secretPrefixes.push({ prefix: `/${segments.slice(0, secretAt).join("/")}/`, pattern });
  }
  dynamic.sort((a, b) => compareRanks(a.rank, b.rank));

  const normalise = (pathname: string) => (pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname) || "/";
  const match = (pathname: string): string | null => {
    const candidate = normalise(pathname);
    if (fixed.has(candidate)) return candidate;
    return dynamic.find((route) => route.regex.test(candidate))?.pattern ?? null;
  };
  return {
    match,
    describe(pathname) {
      const pattern = match(pathname);
      if (pattern) return { log: pattern, metric: pattern };
      const lower = pathname.toLowerCase();
      const secret = secretPrefixes.find(({ prefix }) => lower.startsWith(prefix))?.pattern;
      return { log: secret ?? pathname, metric: pathname.startsWith("/_next/static/") ? "/_next/static" : "(other)" };
    },
  };
}

/**
 * The app's route patterns from the production build's manifests (`next build` writes them): app routes by their
 * path (route groups left out), plus any pages-router route.
 */
export function builtRoutePatterns(distDir: string): string[] {
  const read = (name: string): unknown => {
    const file = path.join(distDir, name);
    return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
  };
  const patterns: string[] = [];
  const appPaths = read("app-path-routes-manifest.json") as Record<string, string> | null;
  if (appPaths) patterns.push(...Object.values(appPaths));
  const routes = read("routes-manifest.json") as { staticRoutes?: Array<{ page: string }>; dynamicRoutes?: Array<{ page: string }> } | null;
  for (const route of [...(routes?.staticRoutes ?? []), ...(routes?.dynamicRoutes ?? [])]) patterns.push(route.page);
  return patterns;
}
