import { createApp } from "./app.ts";
import { bundledRegistry } from "./bundled-registry.ts";
import spnEvaluator from "../shared/spn/wasm/evaluator.wasm";
import { useSpnWasmModule } from "../shared/spn/wasm/module.ts";

// workerd cannot compile wasm from bytes at run time: wrangler bundles the SPN evaluator as a
// precompiled module, handed to the core once per isolate (docs/spn-benchmark.md).
useSpnWasmModule(spnEvaluator);

export default createApp({ registry: bundledRegistry });
