// The ServiceAccounts the stacks create: annotations the EKS pod identity webhook reads.
import { ANNOTATION } from "../../model/build";
import type { PathSegment } from "../../config/diagnostics";
import type { Finding, LintRule } from "../types";
import { roleSites } from "../walk";

export const TOKEN_EXPIRATION = { min: 600, max: 86400 } as const;

const inRange = (seconds: number) => Number.isInteger(seconds) && seconds >= TOKEN_EXPIRATION.min && seconds <= TOKEN_EXPIRATION.max;

export const tokenExpirationRange: LintRule = {
  id: "IRSA009",
  name: "token-expiration-range",
  severity: "error",
  summary: `A ServiceAccount token expiration is outside ${TOKEN_EXPIRATION.min}..${TOKEN_EXPIRATION.max} seconds.`,
  help:
    `The EKS pod identity webhook accepts eks.amazonaws.com/token-expiration between ${TOKEN_EXPIRATION.min} and ${TOKEN_EXPIRATION.max} seconds ` +
    "and silently uses its default otherwise. Set tokenExpiration (checked by the schema) rather than the raw annotation.",
  check: (context) =>
    roleSites(context).flatMap(({ role, environment, entry }): Finding[] => {
      const written = environment.serviceAccounts.find((sa) => sa.roleAddress === role.address)?.annotations[ANNOTATION.tokenExpiration];
      if (written === undefined || (/^\d+$/.test(written) && inRange(Number(written)))) return [];
      const fromAnnotation = entry?.annotations?.[ANNOTATION.tokenExpiration] !== undefined;
      const path: PathSegment[] = fromAnnotation ? [...role.sourcePath, "annotations", ANNOTATION.tokenExpiration] : [...role.sourcePath, "tokenExpiration"];
      return [{ path, message: `${ANNOTATION.tokenExpiration} is "${written}"; the EKS webhook accepts ${TOKEN_EXPIRATION.min}..${TOKEN_EXPIRATION.max} seconds and ignores anything else` }];
    }),
};
