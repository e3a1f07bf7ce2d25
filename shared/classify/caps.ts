/** Request caps for classification; exceeding one is a CapExceededError naming it (422). */
export const MAX_TEXTS = 64;
export const MAX_INPUT_ROWS = 64;
export const MAX_TEXT_CHARS = 10_000;
