/** Request caps for classification; exceeding one is a CapExceededError naming it (422). */
export const MAX_TEXTS = 64;
export const MAX_INPUT_ROWS = 64;
// A raw e-mail with its headers and attachments is a text a model with a declared pipeline
// accepts (SpamAssassin's largest is 300,734 characters); the 1 MiB body cap bounds a request.
export const MAX_TEXT_CHARS = 1_000_000;
