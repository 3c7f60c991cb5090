export function homePageHref(page: number): string {
  return page <= 1 ? "/" : `/page/${page}`;
}
