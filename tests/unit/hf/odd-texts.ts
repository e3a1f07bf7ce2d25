/**
 * Hand-written texts that stress tokenizers: composed and decomposed accents, CJK, emoji
 * sequences (ZWJ, flags, skin tones), right-to-left scripts, white-space and control oddities,
 * strings that look like special tokens, full-width forms and ligatures, over-long words.
 * Pure data, so both the Node parity test and the workerd test import it.
 */
export const ODD_TEXTS: readonly string[] = [
  "Café au lait, naïve façade, jalapeño, Ångström, Crème Brûlée",
  "ÉCOLE élève Œuvre Straße Øresund İstanbul",
  "cafe\u0301 nai\u0308ve (decomposed accents)",
  "Tiếng Việt có dấu: Hà Nội, Đà Nẵng",
  "Ελληνικά: Καλημέρα κόσμε",
  "Русский текст: Привет, мир!",
  "中文分词测试：我们在北京大学学习。",
  "日本語のテキスト、カタカナとひらがな。東京タワー",
  "한국어 텍스트입니다. 서울특별시",
  "混合 mixed 中英文 text123",
  "emoji 😀😃 👍🏽 👨‍👩‍👧‍👦 🇫🇷🇯🇵 ❤️ ✨",
  "العربية: مرحبا بالعالم",
  "עברית: שלום עולם",
  "हिन्दी पाठ: नमस्ते दुनिया",
  "ภาษาไทย สวัสดีครับ",
  "tabs\tand\t\ttabs",
  "line\r\nbreaks\n\n\nand\rreturns",
  "non\u00a0breaking\u2009thin\u200bzero\u200dwidth\ufeffbom",
  "   leading and trailing   ",
  "control\u0001chars\u0007here\u001b[0m",
  "[CLS] [SEP] [MASK] [PAD] [UNK] look-alikes",
  "<bos><eos><pad><unk> <|begin_of_text|> <|eot_id|> <start_of_turn>user",
  "numbers 3.14159 1,000,000 2026-12-01 0x1F 1e-9 ½ ² ³ ①②",
  "URL https://example.com/a?b=c&d=e#f e-mail someone@example.org",
  "punctuation!!! ??? ... --- ___ *** ``quotes'' «guillemets» „Anführung“ 「括弧」",
  "math ∑∫√∞ ≤≥≠ α β γ → ⇒ ∀x∃y",
  "CAPS LOCK SHOUTING AND MiXeD CaSe",
  "a",
  "x".repeat(150),
  "supercalifragilisticexpialidocious antidisestablishmentarianism",
  "🙂".repeat(40),
  "ﬁ ﬂ ligatures ＦＵＬＬＷＩＤＴＨ ｋａｔａｋａｎａ ｶﾀｶﾅ",
];

/** What tests/worker/hf-tokenizer.test.ts tokenizes in workerd: the odd texts and two over-long ones. */
export const WORKER_TEXTS: readonly string[] = [...ODD_TEXTS, "word ".repeat(300), "Ünïcödé ".repeat(100)];
