import { describe, expect, it } from "vitest";
import { editDistance, findExact, suggestNames } from "@/lib/taxonomy/suggest";

const tags = ["Kubernetes", "Kubeflow", "Networking", "Cloud Native", "C++", "eBPF", "Go", "Security", "Service Mesh"];

describe("taxonomy suggestions", () => {
  it("finds an existing tag for a typo, first", () => {
    expect(suggestNames("kubernets", tags)[0]).toBe("Kubernetes");
    expect(suggestNames("Kuberntes", tags)[0]).toBe("Kubernetes");
    expect(suggestNames("securty", tags)).toEqual(["Security"]);
  });

  it("puts prefix matches before word prefixes, substrings and typos, and narrows as more is typed", () => {
    expect(suggestNames("kube", tags)).toEqual(["Kubernetes", "Kubeflow"]);
    expect(suggestNames("kuber", tags)).toEqual(["Kubernetes"]);
    expect(suggestNames("native", tags)).toEqual(["Cloud Native"]);
    expect(suggestNames("mesh", tags)).toEqual(["Service Mesh"]);
    expect(suggestNames("ork", tags)).toEqual(["Networking"]);
    expect(suggestNames("kubrenet", tags)).toEqual(["Kubernetes"]);
  });

  it("matches by slug as well as by name", () => {
    expect(suggestNames("cloud-native", tags)).toEqual(["Cloud Native"]);
    expect(findExact("cloud-native", tags)).toBe("Cloud Native");
    expect(findExact("c", tags)).toBe("C++");
  });

  it("allows no typo in short queries, so short new names are not swallowed", () => {
    expect(suggestNames("gp", tags)).toEqual([]);
    expect(suggestNames("zzz", tags)).toEqual([]);
    expect(suggestNames("sidecar", tags)).toEqual([]);
  });

  it("finds an exact name whatever its case and spacing, and nothing for a typo", () => {
    expect(findExact("  kubernetes ", tags)).toBe("Kubernetes");
    expect(findExact("kubernets", tags)).toBeUndefined();
    expect(findExact("", tags)).toBeUndefined();
  });

  it("leaves out chosen names, lists all for an empty query, and stops at the limit", () => {
    expect(suggestNames("kube", tags, ["kubernetes"])).toEqual(["Kubeflow"]);
    expect(suggestNames("", tags, ["Go"], 3)).toEqual(["Kubernetes", "Kubeflow", "Networking"]);
    expect(suggestNames("", tags, [], 100)).toHaveLength(tags.length);
  });

  it("treats attack strings as plain text", () => {
    expect(suggestNames("<script>alert(1)</script>", tags)).toEqual([]);
    expect(suggestNames(".*", tags)).toEqual([]);
  });

  it("counts edits, with a swap of neighbours as one", () => {
    expect(editDistance("kubernets", "kubernetes")).toBe(1);
    expect(editDistance("ebpf", "ebfp")).toBe(1);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});
