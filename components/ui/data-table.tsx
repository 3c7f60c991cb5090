type Props = {
  /** Read to screen readers; the heading above the table says the same to sighted people. */
  caption: string;
  columns: React.ReactNode[];
  /** The body rows (<tr> elements). */
  children: React.ReactNode;
};

/**
 * The admin's data table: a scrollable wrapper, a caption for screen readers and one row of column headers. The
 * wrapper is a named region in the Tab order so a keyboard can scroll a table wider than the screen.
 */
export function DataTable({ caption, columns, children }: Props) {
  return (
    <div className="table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="data">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th scope="col" key={index}>
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
