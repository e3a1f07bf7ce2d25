import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BYTES_TS_PATH, buildSpnWasm, bytesModuleSource, WASM_PATH } from "../../../scripts/spn-wasm-build.ts";

/** The committed evaluator.wasm (and its base64 copy) are exactly what evaluator.wat builds to. */
describe("shared/spn/wasm build", () => {
  it("rebuilds evaluator.wat to the committed evaluator.wasm and evaluator-bytes.ts, byte for byte", async () => {
    const bytes = await buildSpnWasm();
    const committed = new Uint8Array(readFileSync(WASM_PATH));
    expect(Buffer.from(committed).equals(Buffer.from(bytes)), "run `npm run build:wasm` and commit the output").toBe(
      true,
    );
    expect(readFileSync(BYTES_TS_PATH, "utf8")).toBe(bytesModuleSource(bytes));
  });
});
