// The ServiceAccounts the stacks create: annotations the EKS pod identity webhook reads.
import { ANNOTATION, isTokenExpiration, TOKEN_EXPIRATION } from "../../eks/service-account";
import type { PathSegment } from "../../config/diagnostics";
import { RULE_ID } from "../../config/rule-ids";
import type { Finding, LintRule } from "../types";
import { roleSites } from "../walk";

export const tokenExpirationRange: LintRule = {
  id: RULE_ID.tokenExpirationRange,
  name: "token-expiration-range",
  severity: "error",
  summary: `A ServiceAccount token expiration is outside ${TOKEN_EXPIRATION.min}..${TOKEN_EXPIRATION.max} seconds.`,
  help:
    `The EKS pod identity webhook accepts ${ANNOTATION.tokenExpiration} between ${TOKEN_EXPIRATION.min} and ${TOKEN_EXPIRATION.max} seconds ` +
    "and silently uses its default otherwise. Set tokenExpiration (checked by the schema) rather than the raw annotation.",
  check: (context) =>
    roleSites(context).flatMap(({ role, environment, entry }): Finding[] => {
      const written = environment.serviceAccounts.find((sa) => sa.roleAddress === role.address)?.annotations[ANNOTATION.tokenExpiration];
      if (written === undefined || (/^\d+$/.test(written) && isTokenExpiration(Number(written)))) return [];
      const fromAnnotation = entry?.annotations?.[ANNOTATION.tokenExpiration] !== undefined;
      const path: PathSegment[] = fromAnnotation ? [...role.sourcePath, "annotations", ANNOTATION.tokenExpiration] : [...role.sourcePath, "tokenExpiration"];
      return [{ path, message: `${ANNOTATION.tokenExpiration} is "${written}"; the EKS webhook accepts ${TOKEN_EXPIRATION.min}..${TOKEN_EXPIRATION.max} seconds and ignores anything else` }];
    }),
};
