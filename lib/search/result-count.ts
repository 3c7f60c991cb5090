// What the search page says about how many posts a search found. Pure: the page and unit tests share it.

type Counted = { total: number; totalIsCapped: boolean };

const count = (n: number) => n.toLocaleString("en-US");

/** "Nothing found", "1 post found", "12 posts found, page 2", or "More than 1,000 posts found" when capped. */
export function searchResultsStatus(results: Counted, page: number): string {
  if (results.total === 0) return "Nothing found";
  const found = results.totalIsCapped
    ? `More than ${count(results.total)} posts found`
    : `${count(results.total)} ${results.total === 1 ? "post" : "posts"} found`;
  return page > 1 ? `${found}, page ${page}` : found;
}

/** Under a capped count: the pages hold the best matches among the newest ones, and more words narrow the search. */
export function searchResultsNote(results: Counted): string | null {
  return results.totalIsCapped
    ? `So many posts match that only the newest ${count(results.total)} of them are ranked and shown. Add a word to narrow the search.`
    : null;
}
