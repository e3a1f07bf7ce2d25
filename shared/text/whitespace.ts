/** Every run of white space (line breaks, tabs, no-break spaces) becomes one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
