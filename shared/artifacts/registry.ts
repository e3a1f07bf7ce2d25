import { ArtifactIntegrityError, InvalidArtifactError, UnknownModelError } from "../errors.ts";
import { ManifestSchema, type Manifest, type ModelKind } from "./manifest.ts";
import type { KindLoaders, ModelTypes } from "./model-kinds.ts";
import { parseArtifactJson } from "./parse-json.ts";
import { sha256Hex } from "./sha256.ts";

/** Where model files come from: bundled bytes in workerd, the file system in Node. */
export interface ModelSource {
  names(): readonly string[];
  /** The file's bytes, or undefined when it does not exist. */
  read(model: string, file: string): Promise<Uint8Array | undefined>;
}

export type { KindLoader, KindLoaders, ModelTypes } from "./model-kinds.ts";

export interface LoadedModel<T = unknown> {
  manifest: Manifest;
  compiled: T;
}

export type ModelStatus = "ready" | "not-loaded" | "unavailable";

export interface ModelSummary {
  name: string;
  kind: ModelKind | "unknown";
  version: string;
  sha256: string;
  bytes: number;
  metrics: Manifest["metrics"];
  status: ModelStatus;
  detail?: string;
}

/**
 * Validates manifests and checks every file's sha256 before a model is first used, then keeps
 * the compiled model for the life of the isolate. Failures are kept too: bundled bytes cannot
 * change, so a tampered model stays refused while the others keep working.
 */
export class ModelRegistry {
  readonly #manifests = new Map<string, Promise<Manifest>>();
  readonly #models = new Map<string, Promise<LoadedModel>>();
  readonly #settled = new Map<string, "ready" | "unavailable">();

  constructor(
    private readonly source: ModelSource,
    private readonly loaders: KindLoaders,
  ) {}

  has(name: string): boolean {
    return this.source.names().includes(name);
  }

  /** Number of models verified and compiled in this isolate so far. */
  loadedCount(): number {
    return [...this.#settled.values()].filter((s) => s === "ready").length;
  }

  manifest(name: string): Promise<Manifest> {
    if (!this.has(name)) return Promise.reject(new UnknownModelError(name));
    let pending = this.#manifests.get(name);
    if (!pending) {
      pending = this.#readManifest(name);
      this.#manifests.set(name, pending);
    }
    return pending;
  }

  /**
   * The verified, compiled model; throws a typed error naming the model and file otherwise.
   * A model of another kind is unknown to the caller, and is not loaded to find that out. Given
   * its kind, the model comes typed as that kind's model (ModelTypes); without one, as unknown.
   */
  get<K extends ModelKind>(name: string, kind: K): Promise<LoadedModel<ModelTypes[K]>>;
  get(name: string): Promise<LoadedModel>;
  async get(name: string, kind?: ModelKind): Promise<LoadedModel> {
    if (!this.has(name)) throw new UnknownModelError(name);
    if (kind !== undefined && (await this.manifest(name)).kind !== kind) throw new UnknownModelError(name, kind);
    let pending = this.#models.get(name);
    if (!pending) {
      pending = this.#load(name);
      this.#models.set(name, pending);
      pending.then(
        () => this.#settled.set(name, "ready"),
        () => this.#settled.set(name, "unavailable"),
      );
    }
    return pending;
  }

  async list(): Promise<ModelSummary[]> {
    return Promise.all(this.source.names().map((name) => this.#summary(name)));
  }

  async #summary(name: string): Promise<ModelSummary> {
    try {
      const m = await this.manifest(name);
      const settled = this.#settled.get(name);
      const summary: ModelSummary = {
        name,
        kind: m.kind,
        version: m.version,
        sha256: m.files[0]!.sha256,
        bytes: m.files.reduce((sum, f) => sum + f.bytes, 0),
        metrics: m.metrics,
        status: settled ?? "not-loaded",
      };
      if (settled === "unavailable") {
        summary.detail = await this.get(name).then(
          () => "",
          (e: Error) => e.message,
        );
      }
      return summary;
    } catch (e) {
      const detail = (e as Error).message;
      return { name, kind: "unknown", version: "", sha256: "", bytes: 0, metrics: {}, status: "unavailable", detail };
    }
  }

  async #readManifest(name: string): Promise<Manifest> {
    const bytes = await this.source.read(name, "manifest.json");
    if (!bytes) throw new ArtifactIntegrityError(name, "manifest.json", "is missing");
    const manifest = parseArtifactJson(name, "manifest.json", bytes, ManifestSchema);
    if (manifest.name !== name) throw new InvalidArtifactError(name, `manifest.json names "${manifest.name}"`);
    return manifest;
  }

  async #load(name: string): Promise<LoadedModel> {
    const manifest = await this.manifest(name);
    const files = new Map<string, Uint8Array>();
    for (const file of manifest.files) {
      const bytes = await this.source.read(name, file.path);
      if (!bytes) throw new ArtifactIntegrityError(name, file.path, "is missing");
      if (bytes.byteLength !== file.bytes) {
        throw new ArtifactIntegrityError(name, file.path, `has ${bytes.byteLength} bytes, manifest says ${file.bytes}`);
      }
      if ((await sha256Hex(bytes)) !== file.sha256) {
        throw new ArtifactIntegrityError(name, file.path, "does not match its sha256 in manifest.json");
      }
      files.set(file.path, bytes);
    }
    const loader = this.loaders[manifest.kind];
    if (!loader) throw new InvalidArtifactError(name, `no loader for kind "${manifest.kind}"`);
    return { manifest, compiled: await loader(manifest, files) };
  }
}

/** The bytes of the manifest's file with `role`; a manifest without one is an invalid artifact. */
export function fileWithRole(manifest: Manifest, files: ReadonlyMap<string, Uint8Array>, role: string): Uint8Array {
  const entry = manifest.files.find((f) => f.role === role);
  const bytes = entry && files.get(entry.path);
  if (!bytes) throw new InvalidArtifactError(manifest.name, `manifest.json lists no file with role "${role}"`);
  return bytes;
}

/** A ModelSource over in-memory files, e.g. the bundle's { model: { file: bytes } } table. */
export function memorySource(
  files: Readonly<Record<string, Readonly<Record<string, ArrayBuffer | Uint8Array>>>>,
): ModelSource {
  return {
    names: () => Object.keys(files),
    read: async (model, file) => {
      const bytes = files[model]?.[file];
      return bytes === undefined ? undefined : bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
    },
  };
}
