// The characters the font bundled with next/og (Geist Regular) has glyphs for. For any other character next/og
// fetches a font or emoji image from the internet, which Linkpress never does, so share images keep only these.
const BUNDLED_FONT_CHARACTERS =
  /[\u0020-\u007E\u00A0-\u00AC\u00AE-\u0113\u0116-\u012B\u012E-\u0137\u0139-\u013E\u0141-\u0148\u014A-\u014D\u0150-\u017E\u018F\u0192\u01A0\u01A1\u01AF\u01B0\u01CD\u01CE\u01E4-\u01E9\u0218-\u021B\u0237\u0259\u02B9\u02BC\u02C6-\u02C8\u02D8-\u02DD\u039B\u03A9\u03BB\u03BC\u03C0\u03C9\u0400-\u045F\u0490-\u0493\u1E80-\u1E85\u1E9E\u1EA0-\u1EF9\u2013\u2014\u2018-\u201A\u201C-\u201E\u2020-\u2022\u2026\u2030\u2032\u2033\u2039\u203A\u2044\u20AC\u2190-\u2193]/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

/** Text for a share image: characters the bundled font lacks are dropped, whitespace collapsed, length capped. */
export function shareImageText(text: string, maxLength: number): string {
  const kept = Array.from(text.normalize("NFC"))
    .map((character) => (BUNDLED_FONT_CHARACTERS.test(character) && !PICTOGRAPHIC.test(character) ? character : " "))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return kept.length > maxLength ? `${kept.slice(0, maxLength - 1).trimEnd()}…` : kept;
}
