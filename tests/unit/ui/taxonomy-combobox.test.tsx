import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SourceCombobox } from "@/components/posts/source-combobox";
import { TagCombobox } from "@/components/posts/tag-combobox";

// The server's HTML is what a reader without scripts gets: plain text fields that submit as they always did.
describe("tag and source fields without scripts", () => {
  it("render the tags as one comma-separated text field named tags, with no combobox roles", () => {
    const html = renderToStaticMarkup(
      <TagCombobox field={{ id: "t", name: "tags" }} defaultValue="Kubernetes, eBPF" names={["Kubernetes"]} onChange={() => {}} />,
    );
    expect(html).toContain('name="tags"');
    expect(html).toContain('value="Kubernetes, eBPF"');
    expect(html).not.toContain('role="combobox"');
    expect(html).not.toContain('type="hidden"');
  });

  it("render the source as a text field with the existing sources in a datalist, names escaped", () => {
    const html = renderToStaticMarkup(<SourceCombobox field={{ id: "s", name: "source" }} defaultValue="CNCF" names={["CNCF", "<b>Tigera</b>"]} />);
    expect(html).toContain('name="source"');
    expect(html).toContain('value="CNCF"');
    expect(html).toContain('list="s-datalist"');
    expect(html).toContain('<option value="&lt;b&gt;Tigera&lt;/b&gt;">');
    expect(html).not.toContain('role="listbox"');
  });
});
