import { createSession } from "../onnx/session.ts";
import { classifierLoader } from "./loader.ts";

/**
 * The worker's classifier loader (ONNX Runtime Web). Node programs use
 * `classifierLoader(createNodeSession)` from shared/node/onnx-session.ts instead.
 */
export const loadClassifier = classifierLoader(createSession);
