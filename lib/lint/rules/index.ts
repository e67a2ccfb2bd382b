// The rule pack, in id order. Ids are stable: a retired rule keeps its number and is never reused.
import type { LintRule } from "../types";
import { adminActions, adminManagedPolicy, serviceWildcard, unknownAction, writeOnAnyResource } from "./permissions";
import { roleNameCollision } from "./roles";
import { tokenExpirationRange } from "./service-accounts";
import { namespaceWildcard, regexInGlob, wildcardSubject } from "./subjects";
import { unusedSuppression } from "./suppressions";
import { trustNearLimit, trustTooLarge } from "./trust";

export const RULES: readonly LintRule[] = [
  wildcardSubject,
  regexInGlob,
  trustTooLarge,
  adminActions,
  adminManagedPolicy,
  writeOnAnyResource,
  namespaceWildcard,
  unknownAction,
  tokenExpirationRange,
  serviceWildcard,
  trustNearLimit,
  roleNameCollision,
  unusedSuppression,
];

export const ruleById = (id: string) => RULES.find((rule) => rule.id === id);
