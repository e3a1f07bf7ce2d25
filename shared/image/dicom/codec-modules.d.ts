// The @cornerstonejs codec packages ship no type declarations for these subpaths.
declare module "@cornerstonejs/codec-charls/decodewasm" {
  const module: object;
  export default module;
}
declare module "@cornerstonejs/codec-openjpeg/decodewasm" {
  const module: object;
  export default module;
}
declare module "@cornerstonejs/codec-charls/decodewasmjs" {
  const factory: (options?: object) => Promise<unknown>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjpeg/decodewasmjs" {
  const factory: (options?: object) => Promise<unknown>;
  export default factory;
}
// jpeg-lossless-decoder-js 2.1.2 names release/lossless.d.ts in package.json but does not ship it.
declare module "jpeg-lossless-decoder-js" {
  export class Decoder {
    decode(buffer: ArrayBuffer, offset: number, length: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
