import { createApp } from "./app.ts";
import { bundledRegistry } from "./bundled-registry.ts";

export default createApp({ registry: bundledRegistry });
