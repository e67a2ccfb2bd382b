// The rule pack, in id order. Ids are stable: a retired rule keeps its number and is never reused.
import type { LintRule } from "../types";
import { adminActions, adminManagedPolicy, fullAccessManagedPolicy, privilegeEscalation, serviceWildcard, unknownAction, writeOnAnyResource } from "./permissions";
import { managedPolicyQuota, roleNameCollision } from "./roles";
import { audienceAnnotation, tokenExpirationRange } from "./service-accounts";
import { namespaceWildcard, regexInGlob, regexLikeWildcard, wildcardSubject } from "./subjects";
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
  privilegeEscalation,
  audienceAnnotation,
  managedPolicyQuota,
  fullAccessManagedPolicy,
  regexLikeWildcard,
];

export const ruleById = (id: string) => RULES.find((rule) => rule.id === id);
