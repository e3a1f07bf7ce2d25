// wrangler's default rule (and the Workers vitest pool) import .wasm as a compiled module.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
