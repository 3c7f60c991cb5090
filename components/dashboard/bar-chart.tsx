import { DataTable } from "@/components/ui/data-table";

export type ChartBar = { label: string; value: number };

type Props = {
  /** Prefix for the ids that tie the picture to its title and description; unique on the page. */
  id: string;
  title: string;
  /** What the picture shows, in words: read to screen readers with the title. */
  description: string;
  bars: ChartBar[];
  /** "columns": one upright bar per bar (weeks, oldest left); "rows": one labelled bar per line (sources). */
  layout: "columns" | "rows";
  /** Column headers of the data table: what a bar is, and what its value counts. */
  headings: [string, string];
};

const COLUMN = { width: 14, gap: 3, height: 100, axis: 16 };
const ROW = { height: 22, gap: 6, label: 150, bar: 210, value: 40 };

/**
 * A small bar chart drawn on the server as SVG: no script, an accessible name and description, and the same numbers
 * in a table under a disclosure for anyone who would rather read them (or cannot see the picture).
 */
export function BarChart({ id, title, description, bars, layout, headings }: Props) {
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const max = Math.max(1, ...bars.map((bar) => bar.value));
  return (
    <figure className="chart">
      <figcaption className="chart__title">{title}</figcaption>
      {layout === "columns" ? (
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          className="chart__svg"
          viewBox={`0 0 ${bars.length * (COLUMN.width + COLUMN.gap)} ${COLUMN.height + COLUMN.axis}`}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          <line className="chart__axis" x1={0} x2={bars.length * (COLUMN.width + COLUMN.gap)} y1={COLUMN.height + 0.5} y2={COLUMN.height + 0.5} />
          {bars.map((bar, index) => {
            const height = (bar.value / max) * (COLUMN.height - 12);
            return (
              <rect
                key={index}
                className="chart__bar"
                x={index * (COLUMN.width + COLUMN.gap)}
                y={COLUMN.height - height}
                width={COLUMN.width}
                height={height}
                data-value={bar.value}
              >
                <title>{`${bar.label}: ${bar.value}`}</title>
              </rect>
            );
          })}
          {/* The first and the last week name the span; the table has every one. */}
          <text className="chart__text" x={0} y={COLUMN.height + COLUMN.axis - 3} fontSize={10}>
            {bars[0]?.label}
          </text>
          <text className="chart__text" x={bars.length * (COLUMN.width + COLUMN.gap)} y={COLUMN.height + COLUMN.axis - 3} fontSize={10} textAnchor="end">
            {bars.at(-1)?.label}
          </text>
        </svg>
      ) : (
        <svg
          role="img"
          aria-labelledby={titleId}
          aria-describedby={descId}
          className="chart__svg"
          viewBox={`0 0 ${ROW.label + ROW.bar + ROW.value} ${bars.length * (ROW.height + ROW.gap)}`}
        >
          <title id={titleId}>{title}</title>
          <desc id={descId}>{description}</desc>
          {bars.map((bar, index) => {
            const y = index * (ROW.height + ROW.gap);
            const width = Math.max(1, (bar.value / max) * ROW.bar);
            return (
              <g key={index}>
                <text className="chart__text" x={ROW.label - 6} y={y + ROW.height - 7} fontSize={12} textAnchor="end">
                  {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
                </text>
                <rect className="chart__bar" x={ROW.label} y={y} width={width} height={ROW.height} data-value={bar.value}>
                  <title>{`${bar.label}: ${bar.value}`}</title>
                </rect>
                <text className="chart__text" x={ROW.label + width + 4} y={y + ROW.height - 7} fontSize={12}>
                  {bar.value}
                </text>
              </g>
            );
          })}
        </svg>
      )}
      <details className="chart__data">
        <summary>{`${title}: the data as a table`}</summary>
        <DataTable caption={title} columns={headings}>
          {bars.map((bar, index) => (
            <tr key={index}>
              <td>{bar.label}</td>
              <td>{bar.value}</td>
            </tr>
          ))}
        </DataTable>
      </details>
    </figure>
  );
}
