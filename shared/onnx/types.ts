/**
 * The runtime-neutral view of an ONNX session. Handlers and the classifier core speak only
 * this; shared/onnx/session.ts implements it with onnxruntime-web inside workerd and
 * shared/node/onnx-session.ts with onnxruntime-node, so neither runtime leaks into the core.
 */
export type OnnxData = Float32Array | BigInt64Array | Int32Array;

export interface OnnxTensor {
  data: OnnxData;
  dims: readonly number[];
}

export interface OnnxValueInfo {
  name: string;
  /** "float32", "int64", … as the runtime reports it. */
  type: string;
  /** A number per fixed dimension, null for a symbolic one (e.g. the batch). */
  dims: readonly (number | null)[];
}

export interface OnnxSession {
  readonly inputs: readonly OnnxValueInfo[];
  readonly outputs: readonly OnnxValueInfo[];
  run(feeds: Readonly<Record<string, OnnxTensor>>): Promise<Record<string, OnnxTensor>>;
}

/** Creates a session from a model's bytes; injected so Node and workerd use their own runtime. */
export type SessionFactory = (modelBytes: Uint8Array) => Promise<OnnxSession>;

/** Metadata as onnxruntime-common reports it (both runtimes share the shape). */
interface RuntimeValueMetadata {
  name: string;
  isTensor: boolean;
  type?: string;
  shape?: readonly (number | string)[];
}

/** Normalises runtime metadata: symbolic or unknown dimensions become null. */
export function valueInfo(meta: readonly RuntimeValueMetadata[]): OnnxValueInfo[] {
  return meta.map((m) => ({
    name: m.name,
    type: m.isTensor ? (m.type ?? "unknown") : "non-tensor",
    dims: (m.shape ?? []).map((d) => (typeof d === "number" && d >= 0 ? d : null)),
  }));
}

/** The slice of an onnxruntime (web or node) InferenceSession that wrapSession uses. */
interface RuntimeSession<T> {
  inputMetadata: readonly RuntimeValueMetadata[];
  outputMetadata: readonly RuntimeValueMetadata[];
  run(feeds: Record<string, T>): Promise<Record<string, { data: unknown; dims: readonly number[] }>>;
}

/**
 * A runtime's session as an OnnxSession: feeds become the runtime's tensors (`toTensor`, e.g.
 * `(t) => new ort.Tensor(t.data, t.dims)`), outputs come back as plain data and dims. One wrapper
 * for onnxruntime-web in workerd or Node and onnxruntime-node.
 */
export function wrapSession<T>(session: RuntimeSession<T>, toTensor: (t: OnnxTensor) => T): OnnxSession {
  return {
    inputs: valueInfo(session.inputMetadata),
    outputs: valueInfo(session.outputMetadata),
    async run(feeds) {
      const tensors: Record<string, T> = {};
      for (const [name, t] of Object.entries(feeds)) tensors[name] = toTensor(t);
      const results = await session.run(tensors);
      const out: Record<string, OnnxTensor> = {};
      for (const [name, t] of Object.entries(results)) out[name] = { data: t.data as OnnxData, dims: t.dims };
      return out;
    },
  };
}
