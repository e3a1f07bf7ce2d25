import { decodeCharset } from "./charset.ts";
import { contentType, parseMessage, type MessagePart } from "./rfc822.ts";
import { decodeBase64, decodeQuotedPrintable, looksQuotedPrintable } from "./transfer-encoding.ts";

/**
 * The readable text of a MIME entity (RFC 2045–2046): multipart bodies are walked part by
 * part (in multipart/alternative only the first non-blank text/plain, else text/html, since
 * the others repeat it), text/* parts are decoded from quoted-printable or base64 and from
 * their charset, message/rfc822 parts are read as messages, and so are attached .htm/.html/.txt
 * files; everything else (images, binaries) is skipped. HTML stays HTML: turning it into text is the pipeline's next step.
 */
const MAX_DEPTH = 8; // real mail nests 2–3 levels; a hostile message may not recurse forever

export function entityText(part: MessagePart, depth = 0): string {
  const { mediaType, params } = contentType(part.headers);
  if (mediaType.startsWith("multipart/")) {
    const parts = splitMultipart(part.body, params.get("boundary"));
    if (parts === undefined || depth >= MAX_DEPTH) return decodeBody(part, params.get("charset"));
    const children = parts.map((p) => parseMessage(p, false) ?? { headers: new Map(), body: p.replace(/^\n/, "") });
    if (mediaType === "multipart/alternative") {
      // Plain before HTML, but an alternative left blank (it happens) does not count.
      const rank = (c: MessagePart) => ["text/plain", "text/html"].indexOf(contentType(c.headers).mediaType) >>> 0;
      const ordered = children.map((c, i) => ({ c, i })).sort((a, b) => rank(a.c) - rank(b.c) || a.i - b.i);
      for (const { c } of ordered) {
        const text = entityText(c, depth + 1);
        if (text.trim() !== "") return text;
      }
      return "";
    }
    return children
      .map((c) => entityText(c, depth + 1))
      .filter((t) => t.trim() !== "")
      .join("\n");
  }
  if (mediaType === "message/rfc822" && depth < MAX_DEPTH) {
    const inner = parseMessage(part.body, false);
    return inner ? entityText(inner, depth + 1) : part.body;
  }
  if (!mediaType.startsWith("text/") && !textAttachment(part, params)) return "";
  return decodeBody(part, params.get("charset"));
}

// An .htm/.html/.txt file sent as application/octet-stream is still a page the reader opens.
function textAttachment(part: MessagePart, params: Map<string, string>): boolean {
  const disposition = /filename\s*=\s*"?([^";]*)/i.exec(part.headers.get("content-disposition") ?? "")?.[1];
  return /\.(html?|txt)$/i.test((params.get("name") ?? disposition ?? "").trim());
}

function decodeBody(part: MessagePart, charset: string | undefined): string {
  const encoding = (part.headers.get("content-transfer-encoding") ?? "").trim().toLowerCase();
  if (encoding === "quoted-printable") return decodeCharset(decodeQuotedPrintable(part.body), charset);
  if (encoding === "base64") return decodeCharset(decodeBase64(part.body), charset);
  if (encoding === "" && looksQuotedPrintable(part.body))
    return decodeCharset(decodeQuotedPrintable(part.body), charset);
  return part.body;
}

/**
 * The parts between "--boundary" lines (the preamble before the first and the epilogue after
 * "--boundary--" are not content). Undefined when the boundary never occurs.
 */
export function splitMultipart(body: string, boundary: string | undefined): string[] | undefined {
  if (!boundary) return undefined;
  const lines = body.split("\n");
  const parts: string[] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const t = line.trimEnd();
    if (t === `--${boundary}--`) break;
    if (t === `--${boundary}`) {
      if (current) parts.push(current.join("\n"));
      current = [];
    } else current?.push(line);
  }
  if (current && current.length > 0) parts.push(current.join("\n"));
  return parts.length > 0 ? parts : undefined;
}
