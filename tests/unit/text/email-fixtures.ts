/**
 * Hand-written e-mails (each MIME feature once) with the text a reader sees in them, which the
 * shared pipeline must produce in Node and in workerd alike. Written for these tests.
 */
export const EMAIL_FIXTURES: { name: string; raw: string; text: string }[] = [
  {
    name: "plain body, no headers",
    raw: "Hi Bob,\n\nthe meeting moved to 3pm.\n",
    text: "Hi Bob, the meeting moved to 3pm.",
  },
  {
    name: "mbox line, headers, quoted-printable HTML",
    raw: "From a@b  Thu Aug 22 2002\nSubject: Hi\nContent-Type: text/html; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n<html><head><style>p{color:red}</style></head><body><p>Caf=E9 pills =\nnow&nbsp;&amp; cheap</p><!-- hidden --></body></html>",
    text: "Café pills now & cheap",
  },
  {
    name: "multipart/alternative: the plain part only",
    raw: 'From: x@y.z\nTo: a@b.c\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="XYZ"\n\nThis is a MIME message.\n--XYZ\nContent-Type: text/plain; charset=utf-8\n\nWin a prize today\n--XYZ\nContent-Type: text/html\n\n<b>Win</b> a prize today\n--XYZ--\n',
    text: "Win a prize today",
  },
  {
    name: "multipart/mixed with a base64 UTF-8 part, an image and an .htm attachment",
    raw: 'Subject: s\nDate: Mon, 1 Jul 2002\nContent-Type: multipart/mixed;\n\tboundary="b1"\n\n--b1\nContent-Type: text/plain; charset="utf-8"\nContent-Transfer-Encoding: base64\n\nTWVldCBzaW5nbGVzIGluIHlvdXIgYXJlYSDigJQgbm93IQ==\n--b1\nContent-Type: image/gif; name="a.gif"\nContent-Transfer-Encoding: base64\n\nR0lGODlhAQABAAAAACw=\n--b1\nContent-Type: application/octet-stream; name="offer.htm"\nContent-Transfer-Encoding: base64\n\nPHA+RnJlZSBvZmZlcjwvcD4=\n--b1--\n',
    text: "Meet singles in your area — now! Free offer",
  },
  {
    name: "a body without its headers: MIME parts and quoted-printable recognised from the text",
    raw: 'This is a multi-part message in MIME format.\n\n------=_NextPart_000\nContent-Type: text/html; charset=us-ascii\nContent-Transfer-Encoding: quoted-printable\n\n<font size=3D"4">Lowest mortgage =\nrates</font> &#8212; apply\n------=_NextPart_000--\n',
    text: "Lowest mortgage rates — apply",
  },
  {
    name: "a body that starts like a header is still a body",
    raw: "Note: the build is green.\n\nShip it.",
    text: "Note: the build is green. Ship it.",
  },
  {
    name: "an unclosed comment loses only its opening tag",
    raw: "<html><!--#rotate>Terrific offer <b>inside</b></html>",
    text: "Terrific offer inside",
  },
  {
    name: "an e-mail with nothing to read",
    raw: 'From: a@b.c\nSubject: pic\nContent-Type: multipart/related; boundary="q"\n\n--q\nContent-Type: text/html\n\n<a href="http://x"><img src="http://x/y.gif"></a>\n--q--\n',
    text: "",
  },
];
