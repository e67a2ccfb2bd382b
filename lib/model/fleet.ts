// A config read for synthesis one environment at a time (lib/config/split.ts): each environment is parsed,
// checked and modelled alone, handed on, and dropped, so memory follows the largest environment, not the fleet.
// What the cross-environment checks need is kept as small summaries (FleetSummary) and checked after the last.
//
// The result is the loadConfig + buildPlan result, environment by environment: the same plans and warnings
// (located in the file), and for a refused config the same ConfigError, because any finding makes the whole
// file be read the usual way, which reports every finding exactly as before.
import { ConfigError, type Diagnostic } from "../config/diagnostics";
import { estateRules } from "../config/environment-rules";
import { loadConfig, parseConfig, readConfigFile } from "../config/load";
import type { ResolvedEnvironment } from "../config/resolve";
import { splitEnvironments } from "../config/split";
import { buildPlan } from "./build";
import { checkRoleNames, roleNamesOf, type RoleNames } from "./checks";
import type { EnvironmentPlan } from "./types";

/**
 * What the checks across environments keep of each environment: its settings and clusters (issuers and
 * cluster ARNs per account: estateRules) and its role names (per account: checkRoleNames). A new check across
 * environments adds what it needs here, never a whole environment.
 */
export interface FleetSummary {
  readonly settings: ResolvedEnvironment[];
  readonly roleNames: RoleNames[];
}

export interface FleetReading {
  readonly file: string;
  /** Every environment's name, in file order, known before any is read. */
  readonly names: readonly string[];
  /** Length of the config in bytes: what sizes the work ahead. */
  readonly bytes: number;
  /**
   * The plans of the environments `wanted` accepts, in file order; the others are read and checked but not
   * returned. Throws ConfigError, as buildPlan(loadConfig(file)) would, once a finding is an error.
   */
  environments(wanted?: (name: string) => boolean): Generator<EnvironmentPlan>;
  /** Warnings of the environments read so far (all of them once environments() is done), located in the file. */
  readonly warnings: readonly Diagnostic[];
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
    };
  }
  /** The exact findings of a refused config, or the whole file's environments should it read them after all. */
  const readWhole = () => buildPlan(loadConfig(file));
  return {
    file,
    names: parts.map((p) => p.name),
    bytes: text.length,
    warnings,
    *environments(wanted = () => true) {
      const summary: FleetSummary = { settings: [], roleNames: [] };
      const configWarnings: Diagnostic[] = [];
      const modelWarnings: Diagnostic[] = [];
      for (const [i, part] of parts.entries()) {
        let environment: ResolvedEnvironment;
        let plan: EnvironmentPlan;
        try {
          const config = parseConfig(part.text, file);
          const planned = buildPlan(config);
          [environment, plan] = [config.environments[0], planned.environments[0]];
          if (config.environments.length !== 1 || environment.name !== part.name) throw new ConfigError(file, []);
          const located = planned.warnings.map((d) => (d.line ? { ...d, line: part.fileLine(d.line) } : d));
          configWarnings.push(...located.slice(0, config.warnings.length));
          modelWarnings.push(...located.slice(config.warnings.length));
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          return yield* wholeFrom(readWhole(), i, wanted);
        }
        summary.settings.push({ ...environment, serviceAccounts: [], addons: {} });
        summary.roleNames.push(roleNamesOf(plan));
        if (wanted(plan.name)) yield plan;
      }
      if ([...estateRules(summary.settings), ...checkRoleNames(summary.roleNames)].length > 0) return yield* wholeFrom(readWhole(), parts.length, wanted);
      warnings.push(...configWarnings, ...modelWarnings);
    },
  };

  /** Reading part by part stopped at environment `from`; the whole file's reading (if it did not throw) goes on. */
  function* wholeFrom(plan: ReturnType<typeof buildPlan>, from: number, wanted: (name: string) => boolean): Generator<EnvironmentPlan> {
    warnings.splice(0, warnings.length, ...plan.warnings);
    yield* plan.environments.slice(from).filter((e) => wanted(e.name));
  }
}
