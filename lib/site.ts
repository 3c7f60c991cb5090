// Site identity from the environment; the admin settings screen (issue #4) will store these in the database.
export const site = {
  title: process.env.SITE_TITLE || "Linkpress",
  description: process.env.SITE_DESCRIPTION || "Curated links to the articles worth reading, with a short summary of each.",
  url: (process.env.SITE_URL || process.env.NEXTAUTH_URL || "http://localhost:3000").replace(/\/+$/, ""),
  language: process.env.SITE_LANGUAGE || "en",
};
