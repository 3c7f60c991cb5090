import { taxonomyPage } from "../../taxonomy-pages";

const tag = taxonomyPage("tag");

export const generateMetadata = tag.generateMetadata;

// GET /tags/<slug>: that tag's published posts.
export default tag.Page;
