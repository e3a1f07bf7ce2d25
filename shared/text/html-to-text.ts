/**
 * The text a reader sees in HTML: comments, <style> and <script> blocks dropped, tags
 * replaced by a space (block tags and <br> by a line break, so words on either side stay apart).
 * Markup would otherwise spend the model's few word pieces on tag names and attributes.
 * Entities are left for `decodeEntities` (a separate, declared step). Every scan moves forward
 * only (no lazy regex over the rest of the text per opening), so hostile input stays linear.
 */
const BLOCK = /<\/?(?:p|div|br|tr|td|th|li|ul|ol|table|h[1-6]|center|blockquote|hr)\b[^<>]{0,400}>/gi;
const TAG = /<\/?[a-zA-Z!][^<>]{0,400}>/g;
const HIDDEN_OPEN = /<!--|<(style|script)\b/gi;

export function htmlToText(text: string): string {
  return dropHidden(text).replace(BLOCK, "\n").replace(TAG, " ");
}

// An unclosed comment or block loses only its opening tag: a browser would hide the rest of
// the document, but spam uses "<!--#rotate>"-style openings to hide text from filters, not readers.
function dropHidden(text: string): string {
  const kept: string[] = [];
  const unclosed = new Set<string>(); // no closing after some point means none after any later point
  let from = 0;
  HIDDEN_OPEN.lastIndex = 0;
  for (let m = HIDDEN_OPEN.exec(text); m; m = HIDDEN_OPEN.exec(text)) {
    kept.push(text.slice(from, m.index), " ");
    const kind = m[1]?.toLowerCase() ?? "comment";
    const close = kind === "comment" ? /-->/g : new RegExp(`</${kind}\\s*>`, "gi");
    close.lastIndex = m.index + m[0].length;
    if (!unclosed.has(kind) && close.exec(text)) from = close.lastIndex;
    else {
      unclosed.add(kind);
      const end = text.indexOf(">", m.index);
      from = end < 0 ? text.length : end + 1;
    }
    HIDDEN_OPEN.lastIndex = from;
  }
  kept.push(text.slice(from));
  return kept.join("");
}
