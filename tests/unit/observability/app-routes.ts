// The app's route patterns read from app/ the way Next names them (route groups and parallel slots left out), so the
// tests match against the real routes without a build.
import { readdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(__dirname, "../../..");

export function appRoutePatterns(dir = "app", segments: string[] = []): string[] {
  const patterns: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.isDirectory()) {
      const hidden = /^\(.*\)$/.test(entry.name) || entry.name.startsWith("@") || entry.name.startsWith("_");
      patterns.push(...appRoutePatterns(path.join(dir, entry.name), hidden ? segments : [...segments, entry.name]));
    } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) patterns.push(`/${segments.join("/")}`);
  }
  return patterns;
}
