import { describe, expect, it } from "vitest";
import { sourceCreateSchema, sourceUpdateSchema } from "@/lib/sources/schema";
import { tagCreateSchema, tagMergeSchema, tagRenameSchema } from "@/lib/tags/schema";
import { taxonomyListQuerySchema } from "@/lib/taxonomy/schema";

const rename = (name: string, slug = "") => tagRenameSchema.safeParse({ tagId: "t1", name, slug });
const errorsOf = (result: { success: boolean; error?: { flatten: () => { fieldErrors: Record<string, string[] | undefined> } } }) =>
  result.success ? {} : result.error!.flatten().fieldErrors;

describe("tag and source forms", () => {
  it("tidies a tag name and makes the slug from it when none is given", () => {
    expect(rename("  Cloud   Native  Ops ")).toMatchObject({ success: true, data: { name: "Cloud Native Ops", slug: "cloud-native-ops" } });
    expect(rename("Résumé Łódź")).toMatchObject({ data: { slug: "resume-lodz" } });
    expect(rename("Kubernetes", "  K8S ")).toMatchObject({ data: { slug: "k8s" } });
  });

  it("refuses tag names the post form could not carry, each beside the name", () => {
    for (const name of ["", "   ", "a, b", "!!!", "x".repeat(51)]) expect(Object.keys(errorsOf(rename(name))), JSON.stringify(name)).toEqual(["name"]);
  });

  it("refuses slugs that are not lower-case words joined by single hyphens", () => {
    for (const slug of ["../admin", "a--b", "-a", "a-", "<script>", "tag slug", "ta_g", "é", "x".repeat(61), "a%2Fb"])
      expect(Object.keys(errorsOf(rename("Fine", slug))), slug).toEqual(["slug"]);
  });

  it("creates with the edit form's fields and rules, without an id", () => {
    expect(tagCreateSchema.parse({ name: "  Cloud   Native ", slug: "" })).toEqual({ name: "Cloud Native", slug: "cloud-native" });
    expect(sourceCreateSchema.parse({ name: "CNCF", slug: "", homepage: "https://www.cncf.io/" })).toEqual({
      name: "CNCF",
      slug: "cncf",
      homepage: { url: "https://www.cncf.io/", domain: "www.cncf.io" },
    });
    expect(Object.keys(errorsOf(tagCreateSchema.safeParse({ name: "a, b", slug: "a--b" }))).sort()).toEqual(["name", "slug"]);
    expect(Object.keys(errorsOf(sourceCreateSchema.safeParse({ name: "CNCF", slug: "", homepage: "javascript:alert(1)" })))).toEqual(["homepage"]);
  });

  it("needs something to merge into", () => {
    expect(Object.keys(errorsOf(tagMergeSchema.safeParse({ tagId: "t1", into: "  " })))).toEqual(["into"]);
    expect(tagMergeSchema.parse({ tagId: "t1", into: " Kubernetes " }).into).toBe("Kubernetes");
  });

  it("accepts an http(s) homepage and takes its host as the domain; empty means none", () => {
    const parse = (homepage: string) => sourceUpdateSchema.safeParse({ sourceId: "s1", name: "CNCF", slug: "", homepage });
    expect(parse("https://www.cncf.io/blog/")).toMatchObject({
      success: true,
      data: { slug: "cncf", homepage: { url: "https://www.cncf.io/blog/", domain: "www.cncf.io" } },
    });
    expect(parse("  ")).toMatchObject({ success: true, data: { homepage: null } });
    // Typed as a browser's address bar shows it, the address gets https://, as every URL field does.
    expect(parse("www.cncf.io/blog/")).toMatchObject({ success: true, data: { homepage: { url: "https://www.cncf.io/blog/", domain: "www.cncf.io" } } });
    for (const bad of ["javascript:alert(1)", "JAVASCRIPT:alert(1)", "vbscript:x", "file:///etc/passwd", "mailto:a@b.c", "//example.org", "example"])
      expect(Object.keys(errorsOf(parse(bad))), bad).toEqual(["homepage"]);
  });

  it("refuses control characters and unpaired surrogates in tag and source names and in homepages, as the post form does", () => {
    for (const ch of ["\u0000", "\u0001", "\u001f", "\u007f", "\ud800"]) {
      expect(errorsOf(tagRenameSchema.safeParse({ tagId: "t1", name: `Kube${ch}rnetes`, slug: "" })).name, ch).toEqual([
        expect.stringMatching(/^The name contains/),
      ]);
      const source = sourceUpdateSchema.safeParse({ sourceId: "s1", name: `CN${ch}CF`, slug: "", homepage: `https://www.cncf.io/blog/${ch}` });
      expect(Object.keys(errorsOf(source)).sort(), ch).toEqual(["homepage", "name"]);
    }
  });

  it("reads the list's URL filters leniently", () => {
    expect(taxonomyListQuerySchema.parse({})).toEqual({ q: undefined, sort: "name", page: 1 });
    expect(taxonomyListQuerySchema.parse({ q: "  kube ", sort: "posts", page: "3" })).toEqual({ q: "kube", sort: "posts", page: 3 });
    expect(taxonomyListQuerySchema.parse({ q: ["a", "b"], sort: "drop table", page: "-1" })).toEqual({ q: undefined, sort: "name", page: 1 });
  });
});
