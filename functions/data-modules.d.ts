// Files matched by the wrangler Data rule arrive as raw bytes (see wrangler.toml [[rules]]).
declare module "*.json" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.onnx" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.bin" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.svg" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.png" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.md" {
  const bytes: ArrayBuffer;
  export default bytes;
}
declare module "*.txt" {
  const bytes: ArrayBuffer;
  export default bytes;
}
