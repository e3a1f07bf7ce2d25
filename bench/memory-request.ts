/** One HTTP request of a memory scenario (bench/memory.ts), built as a client would send it. */

export interface MemoryRequest {
  path: string;
  init?: RequestInit;
}

export interface MemoryScenario {
  name: string;
  /** The cap the request sits at, in words for the table. */
  cap: string;
  warm: () => MemoryRequest | Promise<MemoryRequest>;
  atCap: (side: number) => MemoryRequest | Promise<MemoryRequest>;
  /** Runs ONNX Runtime: its baseline is compiled wasm, measured in workerd (bench/memory-workerd.ts). */
  onnx?: boolean;
}

// Bodies as bytes with a Content-Length, as an HTTP client sends them (the body-size middleware
// then checks the header instead of buffering the stream).
export const json = (path: string, body: unknown, accept = "application/json"): MemoryRequest => {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  return {
    path,
    init: {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": String(bytes.length), accept },
      body: bytes,
    },
  };
};
