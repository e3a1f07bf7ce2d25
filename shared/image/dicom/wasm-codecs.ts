import { CoreError } from "../../errors.ts";

/**
 * JPEG-LS (CharLS) and JPEG 2000 (OpenJPEG) through the @cornerstonejs codec packages: their
 * Emscripten builds (decoder-only variants) use no eval or new Function, so they run in workerd
 * provided the wasm arrives as a precompiled WebAssembly.Module (workerd refuses to compile wasm
 * from bytes at run time). The worker imports both .wasm files and hands them over once per
 * isolate with useDicomWasmCodecs; Node lets Emscripten read the files itself. Each runtime is
 * initialised on first use, once per isolate, and a failure is kept (the bundle cannot change).
 */
export type WasmCodecName = "charls" | "openjpeg";

export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

export interface WasmDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): FrameInfo;
  getInterleaveMode?(): number;
  delete(): void;
}

interface CodecRuntime {
  JpegLSDecoder?: new () => WasmDecoder;
  J2KDecoder?: new () => WasmDecoder;
}

type Factory = (options?: object) => Promise<CodecRuntime>;

const provided: Partial<Record<WasmCodecName, object>> = {};
const runtimes: Partial<Record<WasmCodecName, Promise<CodecRuntime>>> = {};

/** Hands over precompiled modules (workerd: `import m from "@cornerstonejs/codec-charls/decodewasm"`). */
export function useDicomWasmCodecs(modules: Partial<Record<WasmCodecName, object>>): void {
  Object.assign(provided, modules);
}

async function loadFactory(name: WasmCodecName): Promise<Factory> {
  const mod =
    name === "charls"
      ? await import("@cornerstonejs/codec-charls/decodewasmjs")
      : await import("@cornerstonejs/codec-openjpeg/decodewasmjs");
  return ((mod as { default?: unknown }).default ?? mod) as Factory;
}

async function start(name: WasmCodecName): Promise<CodecRuntime> {
  const factory = await loadFactory(name);
  const module = provided[name];
  // OpenJPEG prints progress to stdout; keep the worker log to our own JSON lines.
  const quiet = { print: () => {}, printErr: () => {} };
  if (!module) return factory(quiet);
  const wasm = (globalThis as unknown as { WebAssembly: { instantiate(m: object, i: object): Promise<object> } })
    .WebAssembly;
  // Under nodejs_compat workerd reports process.versions.node, so the glue takes its Node branch
  // and reads __dirname (which a bundled worker lacks) to locate a file it will never read,
  // since instantiateWasm supplies the instance. Define it for the synchronous part of the call.
  const g = globalThis as { __dirname?: string };
  const defined = g.__dirname === undefined;
  if (defined) g.__dirname = "/";
  try {
    return await factory({
      ...quiet,
      // Emscripten's hook for supplying the instance ourselves: no fetch, no bytes, no compilation.
      instantiateWasm(imports: object, receive: (instance: object, module: object) => void) {
        wasm.instantiate(module, imports).then((instance) => receive(instance, module));
        return {};
      },
    });
  } finally {
    if (defined) delete g.__dirname;
  }
}

/** A fresh decoder of the named codec; the caller must delete() it. */
export async function wasmDecoder(name: WasmCodecName, syntaxUid: string): Promise<WasmDecoder> {
  runtimes[name] ??= start(name);
  let runtime: CodecRuntime;
  try {
    runtime = await runtimes[name];
  } catch (cause) {
    throw new CoreError(
      "unsupported-transfer-syntax",
      `DICOM transfer syntax ${syntaxUid}: the ${name} codec could not start in this runtime (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
  const Decoder = name === "charls" ? runtime.JpegLSDecoder : runtime.J2KDecoder;
  if (!Decoder)
    throw new CoreError(
      "unsupported-transfer-syntax",
      `DICOM transfer syntax ${syntaxUid}: the ${name} codec has no decoder`,
    );
  return new Decoder();
}

/**
 * Drops a codec's runtime after a trap inside its wasm (e.g. an abort on a corrupt stream):
 * Emscripten refuses every later call once aborted, so the next frame starts a fresh instance.
 */
export function discardWasmCodec(name: WasmCodecName): void {
  delete runtimes[name];
}
