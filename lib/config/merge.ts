// defaults + environment -> one environment's settings. The environment wins; maps merge, lists replace.
import type { BackendSpec, EnvironmentSpec, SettingsSpec } from "./schema";

type Plain = Record<string, unknown>;

const isMap = (value: unknown): value is Plain => typeof value === "object" && value !== null && !Array.isArray(value);

export function deepMerge(base: Plain, override: Plain): Plain {
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === undefined) continue;
    out[key] = isMap(value) && isMap(out[key]) ? deepMerge(out[key] as Plain, value) : value;
  }
  return out;
}

/** A backend of another kind replaces the default one instead of merging into a two-backend conflict. */
function mergeBackend(base: BackendSpec | undefined, override: BackendSpec | undefined): BackendSpec | undefined {
  if (!base || !override) return override ?? base;
  const sameKind = Object.keys(base).every((kind) => kind in override);
  return sameKind ? (deepMerge(base, override) as BackendSpec) : override;
}

export function mergeEnvironment(defaults: SettingsSpec | undefined, environment: EnvironmentSpec): EnvironmentSpec {
  const merged = deepMerge(defaults ?? {}, environment) as EnvironmentSpec;
  return { ...merged, backend: mergeBackend(defaults?.backend, environment.backend) };
}
