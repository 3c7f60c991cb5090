type Props = {
  /** Read to screen readers; the heading above the table says the same to sighted people. */
  caption: string;
  columns: React.ReactNode[];
  /** The body rows (<tr> elements). */
  children: React.ReactNode;
  /** The column the rows are sorted by (its index) and how, announced with aria-sort on its header. */
  sorted?: { column: number; direction: "ascending" | "descending" };
};

/**
 * The admin's data table: a scrollable wrapper, a caption for screen readers and one row of column headers. The
 * wrapper is a named region in the Tab order so a keyboard can scroll a table wider than the screen.
 */
export function DataTable({ caption, columns, children, sorted }: Props) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index} aria-sort={sorted?.column === index ? sorted.direction : undefined}>
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
