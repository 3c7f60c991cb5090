/** Where next-auth may send the browser after sign-in or sign-out: a path or URL on this site, else the home page. */
export function sameSiteRedirect(url: string, baseUrl: string): string {
  if (url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\") && !/[\u0000-\u001f\u007f]/.test(url)) return `${baseUrl}${url}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return target.toString();
  } catch {
    // An unparsable URL falls through to the home page.
  }
  return baseUrl;
}
