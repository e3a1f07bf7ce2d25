import { parseArtifactJson } from "../artifacts/parse-json.ts";
import type { KindLoader } from "../artifacts/registry.ts";
import { InvalidArtifactError, ModelUnavailableError } from "../errors.ts";
import type { SessionFactory } from "../onnx/types.ts";
import { DetectorConfigSchema } from "./detector-config.ts";
import { LesionDetector } from "./detector.ts";

/** The registry's loader for kind "lesion-detector", over an injected ONNX session factory. */
export function detectorLoader(createSession: SessionFactory): KindLoader<LesionDetector> {
  return async (manifest, files) => {
    const name = manifest.name;
    const configFile = manifest.files.find((f) => f.role === "config");
    if (!configFile) throw new InvalidArtifactError(name, 'no file with role "config" in manifest.json');
    const config = parseArtifactJson(name, configFile.path, files.get(configFile.path)!, DetectorConfigSchema);
    const sessions = [];
    for (const member of config.members) {
      const bytes = manifest.files.some((f) => f.path === member && f.role === "onnx") ? files.get(member) : undefined;
      if (!bytes) throw new InvalidArtifactError(name, `member ${member} is not an "onnx" file of the manifest`);
      try {
        sessions.push(await createSession(bytes));
      } catch (e) {
        throw new ModelUnavailableError(
          name,
          `ONNX Runtime could not load ${member}: ${(e as Error).message ?? String(e)}`,
        );
      }
    }
    return new LesionDetector(sessions, config);
  };
}
