/**
 * RFC 5322 (RFC 822) message framing: a header block of "Name: value" fields (continued on
 * lines that start with white space), a blank line, the body. An mbox "From " envelope line
 * may come first. Text is treated as a message only when its first block is all header fields
 * and names at least two fields that mail carries (or follows an mbox line), so a plain body
 * that starts "Note: …" or "Date: …" stays a body.
 */
export interface MessagePart {
  /** Field names lower-cased; a repeated field keeps its first value. */
  headers: Map<string, string>;
  body: string;
}

const FIELD = /^([!-9;-~]+)[ \t]*:[ \t]*(.*)$/;
const MAIL_FIELDS = new Set([
  "from",
  "to",
  "cc",
  "subject",
  "date",
  "received",
  "return-path",
  "message-id",
  "mime-version",
  "content-type",
  "content-transfer-encoding",
  "reply-to",
  "sender",
  "delivered-to",
  "x-mailer",
]);

/** The header fields and body of `text`, or undefined when it does not start with a header block. */
export function parseMessage(text: string, requireMailFields = true): MessagePart | undefined {
  const normal = text.replace(/\r\n?/g, "\n");
  let start = 0;
  if (normal.startsWith("From ")) start = normal.indexOf("\n") + 1 || normal.length;
  const end = normal.indexOf("\n\n", start);
  const block = normal.slice(start, end < 0 ? normal.length : end);
  const headers = parseFields(block);
  if (!headers) return undefined;
  const mailFields = [...headers.keys()].filter((k) => MAIL_FIELDS.has(k)).length;
  if (requireMailFields && mailFields < (start > 0 ? 1 : 2)) return undefined;
  return { headers, body: end < 0 ? "" : normal.slice(end + 2) };
}

function parseFields(block: string): Map<string, string> | undefined {
  const headers = new Map<string, string>();
  let last: string | undefined;
  for (const line of block.split("\n")) {
    if (/^[ \t]/.test(line) && last !== undefined) {
      headers.set(last, `${headers.get(last)} ${line.trim()}`);
      continue;
    }
    const m = FIELD.exec(line);
    if (!m) return undefined;
    last = m[1]!.toLowerCase();
    if (headers.has(last)) last = `${last}\u0000`; // later copies (Received…) are not read
    headers.set(last, m[2]!);
  }
  return headers.size > 0 ? headers : undefined;
}

export interface ContentType {
  /** "type/subtype", lower-cased; text/plain when absent (RFC 2045 §5.2). */
  mediaType: string;
  params: Map<string, string>;
}

export function contentType(headers: Map<string, string>): ContentType {
  const raw = headers.get("content-type") ?? "text/plain";
  const [type, ...rest] = raw.split(";");
  const params = new Map<string, string>();
  for (const p of rest) {
    const m = /^\s*([^=\s]+)\s*=\s*(?:"([^"]*)"|([^\s;]*))/.exec(p);
    if (m) params.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? "");
  }
  return { mediaType: (type ?? "").trim().toLowerCase() || "text/plain", params };
}
