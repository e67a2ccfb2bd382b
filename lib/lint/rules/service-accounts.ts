// The ServiceAccounts the stacks create: annotations the EKS pod identity webhook reads.
import { ANNOTATION, isTokenExpiration, TOKEN_EXPIRATION } from "../../eks/service-account";
import type { PathSegment } from "../../config/diagnostics";
import { RULE_ID } from "../../config/rule-ids";
import { evaluate, webIdentityRequest } from "../../iam/evaluate";
import { serviceAccountSubject, STS_AUDIENCE } from "../../iam/trust";
import type { Finding, LintRule } from "../types";
import { roleLabel, roleSites } from "../walk";

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

export const audienceAnnotation: LintRule = {
  id: RULE_ID.audienceAnnotation,
  name: "audience-not-trusted",
  severity: "error",
  summary: `An ${ANNOTATION.audience} annotation asks for a token audience the role's trust does not accept.`,
  help:
    `The EKS webhook projects the token with the annotated audience; STS then compares aud with the trust's :aud condition (pinned to ${STS_AUDIENCE}) ` +
    "and with the OIDC provider's client ids, and refuses the token: the pod gets AccessDenied on AssumeRoleWithWebIdentity. " +
    `Remove the annotation (the default audience is ${STS_AUDIENCE}). Judged with the IAM evaluator on the generated trust.`,
  check: (context) =>
    roleSites(context).flatMap(({ role, environment, entry }): Finding[] => {
      const audience = entry?.annotations?.[ANNOTATION.audience];
      if (audience === undefined) return [];
      const subs = role.subjects.map(serviceAccountSubject);
      const refusing = environment.clusters
        .filter((cluster) => role.oidcTrustClusters.includes(cluster.name))
        .filter((cluster) => subs.some((sub) => evaluate(role.trust, webIdentityRequest(cluster.oidcProviderArn, { sub, aud: audience })).decision !== "allow"));
      if (refusing.length === 0) return [];
      return [{
        path: [...role.sourcePath, "annotations", ANNOTATION.audience],
        message: `tokens projected with audience "${audience}" are refused by the trust of ${roleLabel(role)} on ${refusing.map((c) => c.name).join(", ")} (it accepts aud ${STS_AUDIENCE})`,
      }];
    }),
};
