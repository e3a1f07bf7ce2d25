import { createApp } from "./app.ts";
import { deployedRegistry } from "./deployed-registry.ts";
import spnEvaluator from "../shared/spn/wasm/evaluator.wasm";
import { useSpnWasmModule } from "../shared/spn/wasm/module.ts";
import charlsWasm from "@cornerstonejs/codec-charls/decodewasm";
import openjpegWasm from "@cornerstonejs/codec-openjpeg/decodewasm";
import { useDicomWasmCodecs } from "../shared/image/dicom/wasm-codecs.ts";

// workerd cannot compile wasm from bytes at run time: wrangler bundles the SPN evaluator as a
// precompiled module, handed to the core once per isolate (docs/spn-benchmark.md).
useSpnWasmModule(spnEvaluator);
// Likewise the JPEG-LS and JPEG 2000 decoders (docs/dicom-input.md); started on first use.
useDicomWasmCodecs({ charls: charlsWasm, openjpeg: openjpegWasm });

export default createApp({ registry: deployedRegistry });
