// A config read for synthesis one environment at a time (lib/config/split.ts): each environment is parsed,
// checked and modelled alone (readPart: in this thread, or in a synthesis worker beside its stack), and
// dropped, so memory follows the largest environment, not the fleet. What the cross-environment checks need is
// kept as a small EnvironmentReading per environment and checked after the last (FleetReading.conclude).
//
// The result is the loadConfig + buildPlan result, environment by environment: the same plans and warnings
// (located in the file), and for a refused config the same ConfigError, because any finding makes the whole
// file be read the usual way, which reports every finding exactly as before.
import { ConfigError, type Diagnostic } from "../config/diagnostics";
import { estateRules } from "../config/environment-rules";
import { loadConfig, parseConfig, readConfigFile } from "../config/load";
import type { ResolvedEnvironment } from "../config/resolve";
import { fileLine, splitEnvironments, type EnvironmentPart } from "../config/split";
import { buildPlan } from "./build";
import { checkRoleNames, roleNamesOf, type RoleNames } from "./checks";
import type { EnvironmentPlan } from "./types";

/**
 * What the checks across environments keep of one environment, and its findings: its settings and clusters
 * (issuers and cluster ARNs per account: estateRules), its role names (per account: checkRoleNames), its
 * warnings located in the file. Plain data (it crosses threads). A new check across environments adds what it
 * needs here, never a whole environment.
 */
export interface EnvironmentReading {
  readonly settings: ResolvedEnvironment;
  readonly roleNames: RoleNames;
  readonly configWarnings: readonly Diagnostic[];
  readonly modelWarnings: readonly Diagnostic[];
}

export interface FleetReading {
  readonly file: string;
  /** Every environment's name, in file order, known before any is read. */
  readonly names: readonly string[];
  /** Length of the config in bytes: what sizes the work ahead. */
  readonly bytes: number;
  /**
   * The environments' own documents in file order, for readPart wherever each is synthesized; undefined when
   * the file cannot be cut (it is read whole by environments()).
   */
  readonly parts?: readonly EnvironmentPart[];
  /**
   * The plans of the environments `wanted` accepts, in file order, read in this thread; the others are read and
   * checked but not returned. Throws ConfigError, as buildPlan(loadConfig(file)) would, once a finding is an error.
   */
  environments(wanted?: (name: string) => boolean): Generator<EnvironmentPlan>;
  /**
   * The checks across environments, given the reading of every part (in order): throws ConfigError as
   * environments() would; otherwise sets the warnings.
   */
  conclude(readings: readonly EnvironmentReading[]): void;
  /** Warnings of the environments read so far (all of them once environments() or conclude() is done), located in the file. */
  readonly warnings: readonly Diagnostic[];
}

/**
 * One environment's part read alone: its plan and what the fleet keeps of it. Throws ConfigError when the part
 * does not read (then the whole file's reading has the exact findings).
 */
export function readPart(file: string, part: EnvironmentPart): { plan: EnvironmentPlan; reading: EnvironmentReading } {
  const config = parseConfig(part.text, file);
  const planned = buildPlan(config);
  const [environment, plan] = [config.environments[0], planned.environments[0]];
  if (config.environments.length !== 1 || environment.name !== part.name) throw new ConfigError(file, []);
  const located = planned.warnings.map((d) => (d.line ? { ...d, line: fileLine(part, d.line) } : d));
  return {
    plan,
    reading: {
      settings: { ...environment, serviceAccounts: [], addons: {} },
      roleNames: roleNamesOf(plan),
      configWarnings: located.slice(0, config.warnings.length),
      modelWarnings: located.slice(config.warnings.length),
    },
  };
}

export function readFleet(file: string): FleetReading {
  const text = readConfigFile(file);
  const parts = splitEnvironments(text);
  const warnings: Diagnostic[] = [];
  if (!parts) {
    const plan = buildPlan(parseConfig(text, file));
    warnings.push(...plan.warnings);
    return {
      file,
      names: plan.environments.map((e) => e.name),
      bytes: text.length,
      warnings,
      *environments(wanted = () => true) {
        yield* plan.environments.filter((e) => wanted(e.name));
      },
      conclude() {
        // read whole above: checked already
      },
    };
  }
  /** The exact findings of a refused config, or the whole file's environments should it read them after all. */
  const readWhole = () => buildPlan(loadConfig(file));
  const conclude = (readings: readonly EnvironmentReading[]) => {
    const findings = [...estateRules(readings.map((r) => r.settings)), ...checkRoleNames(readings.map((r) => r.roleNames))];
    if (findings.length > 0) warnings.splice(0, warnings.length, ...readWhole().warnings);
    else warnings.push(...readings.flatMap((r) => r.configWarnings), ...readings.flatMap((r) => r.modelWarnings));
  };
  return {
    file,
    names: parts.map((p) => p.name),
    bytes: text.length,
    parts,
    warnings,
    conclude,
    *environments(wanted = () => true) {
      const readings: EnvironmentReading[] = [];
      for (const [i, part] of parts.entries()) {
        let read: ReturnType<typeof readPart>;
        try {
          read = readPart(file, part);
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          return yield* wholeFrom(readWhole(), i, wanted);
        }
        readings.push(read.reading);
        if (wanted(read.plan.name)) yield read.plan;
      }
      conclude(readings);
    },
  };

  /** Reading part by part stopped at environment `from`; the whole file's reading (if it did not throw) goes on. */
  function* wholeFrom(plan: ReturnType<typeof buildPlan>, from: number, wanted: (name: string) => boolean): Generator<EnvironmentPlan> {
    warnings.splice(0, warnings.length, ...plan.warnings);
    yield* plan.environments.slice(from).filter((e) => wanted(e.name));
  }
}
