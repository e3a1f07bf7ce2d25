import { describe, expect, it } from "vitest";
import { IDENTITY_MODEL } from "../../../shared/onnx/identity-model.ts";
import { createSession } from "../../../shared/onnx/session.ts";

describe("ONNX Runtime Web initialisation", () => {
  it("is attempted once: a failure (here, Node cannot import compiled wasm) is kept for the isolate", async () => {
    const first = await createSession(IDENTITY_MODEL).then(
      () => undefined,
      (e: unknown) => e,
    );
    const second = await createSession(IDENTITY_MODEL).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(first).toBeInstanceOf(Error);
    expect(second).toBe(first);
  });
});
