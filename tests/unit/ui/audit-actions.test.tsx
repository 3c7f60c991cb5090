// The audit log shows words, not codes: every action the code writes must have a label, and the log's Action filter
// must offer each one. recordAudit's type already refuses an unknown action; this also catches a literal that reaches
// it some other way (a cast, a template) and a filter that lists less than the schema.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { LabelledOptions } from "@/components/admin/role-labels";
import { AUDIT_ACTIONS } from "@/lib/audit/schema";
import { POST_EVENTS } from "@/lib/events/schema";
import { TAXONOMY_WORDS } from "@/lib/taxonomy/kinds";

const root = path.resolve(__dirname, "../../..");
const ACTIONS = Object.keys(AUDIT_ACTIONS);
// "post", "user", "auth"…: the domains the schema's actions belong to.
const DOMAINS = [...new Set(ACTIONS.map((action) => action.split(".")[0]))];
const LITERAL = new RegExp(`["'\`]((?:${DOMAINS.join("|")})\\.[a-z_]+)["'\`]`, "g");
// The taxonomy writes `${kind}.create` and the like for each kind.
const PER_KIND = /\$\{kind\}\.([a-z_]+)`/g;
// Names that look like actions but are not: job kinds (declared as `kind: "post.event"`, named so anywhere) and post
// events (lib/events).
const JOB_KIND = /kind: ["'`]([a-z_.]+)["'`]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return relative === "lib/generated" ? [] : sourceFiles(relative);
    return /\.(ts|tsx)$/.test(entry.name) && relative !== "lib/audit/schema.ts" ? [relative] : [];
  });
}

/** Every audit action spelled out in app/ and lib/ (outside the schema that labels them). */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  const texts = ["app", "lib"].flatMap(sourceFiles).map((file) => readFileSync(path.join(root, file), "utf8"));
  const notActions = new Set<string>([...POST_EVENTS, ...texts.flatMap((text) => [...text.matchAll(JOB_KIND)].map(([, kind]) => kind))]);
  for (const text of texts) {
    for (const [, action] of text.matchAll(LITERAL)) if (!notActions.has(action)) found.add(action);
    for (const [, verb] of text.matchAll(PER_KIND)) for (const kind of Object.keys(TAXONOMY_WORDS)) found.add(`${kind}.${verb}`);
  }
  return found;
}

describe("audit actions", () => {
  it("finds the actions the code writes, including imports, review steps, preview links and tag and source creation", () => {
    const written = writtenActions();
    for (const action of ["post.import", "post.submit", "post.return", "post.preview_link_create", "tag.create", "source.create"]) {
      expect(written, action).toContain(action);
    }
  });

  it("has a readable label for every action the code writes", () => {
    const unlabelled = [...writtenActions()].filter((action) => !(action in AUDIT_ACTIONS));
    expect(unlabelled).toEqual([]);
  });

  it("labels each action in words, never with its code", () => {
    for (const [action, label] of Object.entries(AUDIT_ACTIONS)) {
      expect(label, action).toMatch(/^[A-Z][^._]*$/);
    }
    expect(new Set(Object.values(AUDIT_ACTIONS)).size).toBe(ACTIONS.length);
  });

  it("offers every action in the log's Action filter, by its label", () => {
    const page = readFileSync(path.join(root, "app/(admin)/admin/audit/page.tsx"), "utf8");
    expect(page).toContain("<LabelledOptions labels={AUDIT_ACTIONS}");
    const html = renderToStaticMarkup(
      <select>
        <LabelledOptions labels={AUDIT_ACTIONS} any="Any action" />
      </select>,
    );
    const options = [...html.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map(([, value, label]) => [value, label]);
    expect(options).toEqual([["", "Any action"], ...Object.entries(AUDIT_ACTIONS)]);
  });
});
