import { CoreError } from "../../errors.ts";
import { dicomCorrupt } from "./dataset.ts";

/**
 * The whole file with its data set inflated (Deflated Explicit VR Little Endian, PS3.5 A.5: the
 * data set after the file meta group is one raw deflate stream). Uses DecompressionStream
 * ("deflate-raw"), which workerd and Node 20 both provide; output is capped at `maxBytes` so a
 * small deflate bomb cannot exhaust a 128 MB isolate.
 */
export async function inflateDataSet(bytes: Uint8Array, dataSetOffset: number, maxBytes: number): Promise<Uint8Array> {
  const deflated = bytes.subarray(dataSetOffset);
  let chunks: Uint8Array[] | undefined;
  let firstError = "";
  // Bytes may follow the deflate stream: a pad to even length, or the 8-byte gzip trailer some
  // writers leave (pydicom's image_dfl.dcm). Node ignores them; workerd's DecompressionStream
  // raises "Trailing bytes" without emitting output, so retry without up to 9 final bytes.
  for (let drop = 0; drop <= 9 && !chunks && drop < deflated.length; drop++) {
    try {
      chunks = await inflateRaw(deflated.subarray(0, deflated.length - drop), maxBytes - dataSetOffset);
    } catch (cause) {
      if (cause instanceof CoreError) throw cause;
      const message = cause instanceof Error ? cause.message : String(cause);
      if (drop === 0) firstError = message;
      if (!/trailing/i.test(firstError)) break;
    }
  }
  if (!chunks) dicomCorrupt(`deflated data set could not be inflated: ${firstError}`);
  const total = chunks.reduce((sum, c) => sum + c.length, dataSetOffset);
  const out = new Uint8Array(total);
  out.set(bytes.subarray(0, dataSetOffset));
  let at = dataSetOffset;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

async function inflateRaw(deflated: Uint8Array, maxBytes: number): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const input = new Blob([deflated as Uint8Array<ArrayBuffer>]).stream();
  const reader = input.pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) return chunks;
    total += next.value.length;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new CoreError("image-too-large", `DICOM deflated data set inflates past ${maxBytes} bytes`);
    }
    chunks.push(next.value);
  }
}
