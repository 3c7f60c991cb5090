type Props = {
  /** Read to screen readers; the heading above the table says the same to sighted people. */
  caption: string;
  columns: React.ReactNode[];
  /** The body rows (<tr> elements). */
  children: React.ReactNode;
};

/** The admin's data table: a scrollable wrapper, a caption for screen readers and one row of column headers. */
export function DataTable({ caption, columns, children }: Props) {
  return (
    <div className="table-wrap">
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
