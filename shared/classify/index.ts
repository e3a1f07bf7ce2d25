/** The classifier core: artifact schema, input handling, head posterior, abstention, loader. */
export * from "./abstain.ts";
export * from "./artifact-schema.ts";
export * from "./calibrator.ts";
export * from "./caps.ts";
export * from "./conformal.ts";
export * from "./classifier.ts";
export * from "./head.ts";
export * from "./inputs.ts";
export * from "./loader.ts";
export * from "./preprocess-input.ts";
export * from "./risk-control.ts";
export * from "./tokenizer.ts";
export * from "./hf-tokenizer.ts";
export * from "./text-tokenizer.ts";
export * from "./tokenizer-file.ts";
