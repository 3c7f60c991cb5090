/** A search box: a GET form to /search, so it works without JavaScript and results have their own address. */
export function SearchForm({ query = "", id, label }: { query?: string; id: string; label: string }) {
  return (
    <form role="search" aria-label={label} action="/search" method="get" className="search-form">
      <label htmlFor={id}>Search posts</label>
      <input id={id} className="input" type="search" name="q" defaultValue={query} maxLength={500} autoComplete="off" />
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
