import fc from "fast-check";

/**
 * fast-check arbitraries derived from the OpenAPI document's JSON Schemas, so the fuzzer sends
 * bodies that mostly pass validation and reach the handlers and the core (where 5xx would hide),
 * not only garbage the validator stops. Bounds that set the cost of a request (a phantom's side,
 * a sample count, list lengths) are kept small so that 1,000 runs per operation stay minutes.
 */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  prefixItems?: Schema[];
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  enum?: unknown[];
  const?: unknown;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  format?: string;
}

/** Cheap upper bounds for properties whose value sets the work a request does. */
const COST_CAPS: Record<string, number> = { size: 160, n: 50 };
const MAX_ITEMS = 6;
const MAX_STRING = 40;
const MAX_DEPTH = 6;

export function schemaArbitrary(
  schema: Schema,
  components: Record<string, Schema>,
  depth = 0,
  name = "",
): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const recur = (s: Schema, key = "") => schemaArbitrary(s, components, depth + 1, key);
  if (schema.$ref) return recur(components[schema.$ref.split("/").pop()!]!, name);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => recur(s, name)));
  if (schema.allOf) return recur(Object.assign({}, ...schema.allOf), name);
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => recur({ ...schema, type }, name)));
  switch (schema.type) {
    case "object":
      return objectArbitrary(schema, recur);
    case "array": {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => recur(s)));
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, minLength + MAX_ITEMS));
      return fc.array(recur(schema.items ?? {}), { minLength, maxLength });
    }
    case "integer": {
      const min = Math.max(schema.minimum ?? -(2 ** 31), -(2 ** 31));
      const max = Math.min(schema.maximum ?? 2 ** 31, COST_CAPS[name] ?? 2 ** 31, 2 ** 32 - 1);
      return fc.integer({ min, max: Math.max(min, max) });
    }
    case "number": {
      const min = schema.minimum ?? -1e6;
      const max = Math.min(schema.maximum ?? 1e6, COST_CAPS[name] ?? Infinity);
      return fc.oneof(
        fc.double({ min, max, noNaN: true }),
        fc.integer({ min: Math.ceil(min), max: Math.floor(Math.max(min, max)) }),
      );
    }
    case "string":
      if (schema.format === "binary")
        return fc.uint8Array({ maxLength: 64 }).map((b) => btoa(String.fromCharCode(...b)));
      return fc.string({
        minLength: schema.minLength ?? 0,
        maxLength: Math.min(schema.maxLength ?? MAX_STRING, MAX_STRING),
      });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function objectArbitrary(
  schema: Schema,
  recur: (s: Schema, key?: string) => fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const keys = Object.keys(properties);
  if (keys.length === 0) {
    const values =
      typeof schema.additionalProperties === "object"
        ? recur(schema.additionalProperties)
        : fc.jsonValue({ maxDepth: 1 });
    return fc.dictionary(fc.string({ maxLength: 12 }), values, { maxKeys: 4 });
  }
  const shape = Object.fromEntries(keys.map((k) => [k, recur(properties[k]!, k)]));
  return fc.record(shape, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
}
