import { CAPTURE_FIELDS, SELECTION_LIMIT } from "./schema";

/**
 * The bookmarklet's code for a Linkpress at `origin`: on any page it opens a new window and POSTs the page's URL and
 * title, the selected text (line breaks kept, cut at SELECTION_LIMIT) and the page the editor came from (via) to the
 * new-post form, as a plain UTF-8 form, so no selection is too long for an address. Written without "%" so the
 * browser's decoding of a javascript: address cannot change it; the link itself carries it percent-encoded.
 */
export function bookmarkletCode(origin: string): string {
  const action = JSON.stringify(`${origin}/admin/posts/new`);
  return `(()=>{const d=document,l=location,s=String(getSelection()||"").slice(0,${SELECTION_LIMIT}),v=d.referrer&&d.referrer!==l.href?d.referrer:"",f=d.createElement("form"),n="linkpress"+Date.now(),w=open("",n,"width=1000,height=800");f.method="post";f.action=${action};f.acceptCharset="UTF-8";f.target=w?n:"_blank";const x={${CAPTURE_FIELDS.map((name) => `${name}:${{ url: "l.href", title: "d.title", selection: "s", via: "v" }[name]}`).join(",")}};for(const k in x){const i=d.createElement("input");i.type="hidden";i.name=k;i.value=x[k];f.appendChild(i)}(d.body||d.documentElement).appendChild(f);f.submit();f.remove()})()`;
}

/** The bookmarklet as a link address. */
export function bookmarkletHref(origin: string): string {
  return `javascript:${encodeURIComponent(bookmarkletCode(origin))}`;
}
