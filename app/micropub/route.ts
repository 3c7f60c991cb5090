import { micropubGet, micropubPost } from "@/lib/micropub/handler";

// /micropub: the W3C Micropub endpoint, for clients holding a personal access token (lib/micropub/). GET answers the
// queries (q=config, source, syndicate-to, category); POST creates, updates and deletes link posts.
export const GET = micropubGet;
export const POST = micropubPost;
