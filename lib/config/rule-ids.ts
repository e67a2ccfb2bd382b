// Rule ids: the names users write in `suppress:` and that SARIF reports. Defined here, below every check that
// emits one (schema, model, lint rule pack); the rule pack (lib/lint/rules) says what each means.
// Ids are stable: a retired rule keeps its number and it is never reused.

export const RULE_ID = {
  /** Schema and model errors no other rule stands for (SARIF needs an id for every result). */
  invalidConfig: "IRSA000",
  wildcardSubject: "IRSA001",
  regexInGlob: "IRSA002",
  trustTooLarge: "IRSA003",
  adminActions: "IRSA004",
  adminManagedPolicy: "IRSA005",
  writeOnAnyResource: "IRSA006",
  namespaceWildcard: "IRSA007",
  unknownAction: "IRSA008",
  tokenExpirationRange: "IRSA009",
  serviceWildcard: "IRSA010",
  trustNearLimit: "IRSA011",
  roleNameCollision: "IRSA012",
  unusedSuppression: "IRSA013",
  privilegeEscalation: "IRSA014",
  audienceAnnotation: "IRSA015",
  managedPolicyQuota: "IRSA016",
  fullAccessManagedPolicy: "IRSA017",
  regexLikeWildcard: "IRSA018",
} as const;

/** What a rule id looks like, for `suppress:` entries (unknown ids are reported by the unused-suppression rule). */
export const RULE_ID_PATTERN = /^IRSA\d{3}$/;

/** An example id for messages and help texts. */
export const EXAMPLE_RULE_ID = RULE_ID.wildcardSubject;
