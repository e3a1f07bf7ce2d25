// workerd provides node:zlib (native zlib) under the nodejs_compat flag; @cloudflare/workers-types
// does not declare it. Only what shared/image/png-deflate.ts uses (Node's own types cover Node).
declare module "node:zlib" {
  export function deflateSync(data: Uint8Array, options?: { level?: number }): Uint8Array;
}
