import { taxonomyPage } from "../../taxonomy-pages";

const source = taxonomyPage("source");

export const generateMetadata = source.generateMetadata;

// GET /sources/<slug>: that publication's published posts.
export default source.Page;
