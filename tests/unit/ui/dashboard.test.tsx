import { parseHTML } from "linkedom";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "@/components/dashboard/bar-chart";
import { FirstStepsChecklist, firstStepsFor } from "@/components/dashboard/first-steps";
import type { Actor } from "@/lib/auth/permissions";

const weeks = Array.from({ length: 26 }, (_, index) => ({ label: `Week ${index + 1}`, value: index % 4 }));

function render(node: React.ReactElement): Document {
  return parseHTML(`<!doctype html><html><body>${renderToStaticMarkup(node)}</body></html>`).document;
}

describe("dashboard bar chart", () => {
  const chart = () =>
    render(
      <BarChart id="per-week" layout="columns" title="Posts per week" description="39 posts in 26 weeks" headings={["Week beginning", "Posts"]} bars={weeks} />,
    );

  it("is one image named by its title and described by its description", () => {
    const svg = chart().querySelector("svg")!;
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.ownerDocument.getElementById(svg.getAttribute("aria-labelledby")!)!.textContent).toBe("Posts per week");
    expect(svg.ownerDocument.getElementById(svg.getAttribute("aria-describedby")!)!.textContent).toBe("39 posts in 26 weeks");
    expect(svg.querySelector(":scope > title")!.id).toBe("per-week-title");
  });

  it("draws a bar per week, the tallest for the largest count, and nothing for an empty week", () => {
    const bars = [...chart().querySelectorAll("rect.chart__bar")];
    expect(bars).toHaveLength(26);
    expect(bars.map((bar) => Number(bar.getAttribute("data-value")))).toEqual(weeks.map((week) => week.value));
    const heights = bars.map((bar) => Number(bar.getAttribute("height")));
    expect(Math.max(...heights)).toBe(heights[3]);
    expect(heights[0]).toBe(0);
    expect(bars[5].querySelector("title")!.textContent).toBe("Week 6: 1");
  });

  it("has the same numbers in a table under a disclosure", () => {
    const doc = chart();
    const details = doc.querySelector("details")!;
    expect(details.querySelector("summary")!.textContent).toBe("Posts per week: the data as a table");
    expect(details.querySelector("caption")!.textContent).toBe("Posts per week");
    expect([...details.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["Week beginning", "Posts"]);
    const rows = [...details.querySelectorAll("tbody tr")].map((row) => [...row.querySelectorAll("td")].map((cell) => cell.textContent));
    expect(rows).toEqual(weeks.map((week) => [week.label, String(week.value)]));
  });

  it("draws sources as labelled rows, and keeps a lone empty chart from dividing by zero", () => {
    const doc = render(
      <BarChart
        id="sources"
        layout="rows"
        title="Top sources"
        description="Two sources"
        headings={["Source", "Posts"]}
        bars={[
          { label: "A source with a rather long name indeed", value: 4 },
          { label: "Tigera", value: 2 },
        ]}
      />,
    );
    const widths = [...doc.querySelectorAll("rect")].map((bar) => Number(bar.getAttribute("width")));
    expect(widths[0]).toBe(2 * widths[1]);
    expect(doc.querySelector("svg")!.textContent).toContain("Tigera");
    expect(doc.querySelector("td")!.textContent).toBe("A source with a rather long name indeed");
    const empty = render(<BarChart id="e" layout="columns" title="t" description="d" headings={["a", "b"]} bars={[{ label: "x", value: 0 }]} />);
    expect(empty.querySelector("rect")!.getAttribute("height")).toBe("0");
  });
});

describe("dashboard first steps", () => {
  const none = { hasPost: false, hasImported: false, hasOtherUser: false, hasSavedSettings: false };
  const admin: Actor = { id: "a", role: "ADMIN" };

  it("offers admins every step, each linked and marked to do until it is done", () => {
    const doc = render(<FirstStepsChecklist actor={admin} progress={{ ...none, hasOtherUser: true }} />);
    const items = [...doc.querySelectorAll("li")];
    expect(items.map((item) => item.querySelector("a")!.getAttribute("href"))).toEqual([
      "/admin/posts/new",
      "/admin/import",
      "/admin/users",
      "/admin/settings",
    ]);
    expect(items.map((item) => item.querySelector(".first-steps__state")!.textContent)).toEqual(["(to do)", "(to do)", "(done)", "(to do)"]);
    expect(doc.querySelector("h2")!.textContent).toBe("First steps");
  });

  it("offers each role only the steps it may take", () => {
    const hrefs = (role: Actor["role"]) => firstStepsFor({ id: "x", role }, none).map((step) => step.href);
    expect(hrefs("EDITOR")).toEqual(["/admin/posts/new", "/admin/import"]);
    expect(hrefs("CONTRIBUTOR")).toEqual(["/admin/posts/new"]);
    expect(firstStepsFor(admin, { hasPost: true, hasImported: true, hasOtherUser: true, hasSavedSettings: true }).every((step) => step.done)).toBe(true);
  });
});
