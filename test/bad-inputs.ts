// Configs people get wrong, each with the one-line error it must produce (issue: hardening).
import { config, ISSUER_A } from "./support";

export const dev = (serviceAccounts = "", extra = "") => `  dev:
${extra}    clusters:
      - { name: dev, oidcIssuerUrl: "${ISSUER_A}" }
    serviceAccounts:
${serviceAccounts || "      - { name: api, namespace: web }"}
`;

export const BAD_INPUTS: ReadonlyArray<readonly [string, string, RegExp]> = [
  ["an unknown key, with a did-you-mean", config(dev("      - { name: api, namspace: web }")), /irsa\.yaml:\d+:\d+: error: environments\.dev\.serviceAccounts\[0\]\.namspace: unknown key; did you mean "namespace"\?/],
  ["a non-12-digit account id", config(dev(), 'accountId: "1234"\n  region: us-west-2'), /defaults\.accountId: must be a 12-digit AWS account id/],
  ["an unquoted account id", config(dev(), "accountId: 111122223333\n  region: us-west-2"), /defaults\.accountId: must be a quoted 12-digit AWS account id/],
  ["a non-https issuer", config(dev().replace("https://", "http://")), /environments\.dev\.clusters\[0\]\.oidcIssuerUrl: must use https/],
  ["an invalid namespace", config(dev("      - { name: api, namespace: Web_Team }")), /serviceAccounts\[0\]\.namespace: must be a DNS-1123 label/],
  ["an invalid ServiceAccount name", config(dev("      - { name: API, namespace: web }")), /serviceAccounts\[0\]\.name: must be a DNS-1123 subdomain/],
  ["a wildcard without allowWildcard", config(dev('      - { name: api, namespace: "*" }')), /serviceAccounts\[0\]\.namespace: "\*" is a wildcard subject/],
  ["a regex in a subject", config(dev('      - { name: "(api|web)", namespace: web }')), /serviceAccounts\[0\]\.name: "\(api\|web\)" looks like a regular expression/],
  ["an unknown cluster in clusters:", config(dev("      - { name: api, namespace: web, clusters: [dve] }")), /serviceAccounts\[0\]\.clusters\[0\]: unknown cluster "dve"; did you mean "dev"\?/],
  ["a duplicate service account", config(dev("      - { name: api, namespace: web }\n      - { name: api, namespace: web }")), /serviceAccounts\[1\]: duplicates serviceAccounts\[0\]/],
  ["a missing account id", config(dev(), "region: us-west-2"), /environments\.dev\.accountId: is required: set it in defaults or in this environment/],
  ["an explicit role name over 64 characters", config(dev(`      - { name: api, namespace: web, roleName: ${"r".repeat(65)} }`)), /roleName: must be at most 64 characters/],
  ["an invalid role path", config(dev(), 'accountId: "111122223333"\n  region: us-west-2\n  rolePath: eks'), /defaults\.rolePath: must be "\/" or start and end with "\/"/],
  ["an out-of-range maxSessionDuration", config(dev("      - { name: api, namespace: web, maxSessionDuration: 60 }")), /maxSessionDuration: must be between 3600 and 43200 seconds/],
  ["an out-of-range tokenExpiration", config(dev("      - { name: api, namespace: web, tokenExpiration: 100000 }")), /tokenExpiration: must be between 600 and 86400 seconds/],
  ["no environments", "version: 1\nenvironments: {}\n", /environments: needs at least one environment/],
  ["conflicting backends", config(dev("", "    backend: { local: {}, s3: { bucket: acme-state, key: k } }\n")), /environments\.dev\.backend: needs exactly one of local, cloud or s3/],
  ["an action without a service prefix", config(dev("      - name: api\n        namespace: web\n        policy: { Statement: [{ Effect: Allow, Action: GetObject, Resource: \"*\" }] }")), /policy\.Statement\[0\]\.Action: must be "<service>:<Action>"/],
  ["a statement without Effect", config(dev("      - name: api\n        namespace: web\n        policy: { Statement: [{ Action: s3:GetObject, Resource: \"*\" }] }")), /policy\.Statement\[0\]\.Effect: is required/],
  ["a statement without Resource", config(dev("      - name: api\n        namespace: web\n        policy: { Statement: [{ Effect: Allow, Action: s3:GetObject }] }")), /policy\.Statement\[0\]: a statement needs exactly one of Resource or NotResource/],
  ["a partition that does not fit the region", config(dev(), 'accountId: "111122223333"\n  region: cn-north-1'), /environments\.dev\.partition: is "aws" but region cn-north-1 is in partition "aws-cn"/],
  ["a YAML syntax error, with line and column", "version: 1\nenvironments:\n  dev: [unclosed\n", /irsa\.yaml:\d+:\d+: error: \(document\): YAML syntax error: /],
  ["a hand-set role-arn annotation", config(dev('      - { name: api, namespace: web, annotations: { "eks.amazonaws.com/role-arn": x } }')), /annotations\["eks\.amazonaws\.com\/role-arn"\]: is written from the generated role/],
  ["an unknown addon, with a did-you-mean", config(dev("", "    addons: { karpentr: {} }\n")), /environments\.dev\.addons\.karpentr: unknown key; did you mean "karpenter"\?/],
  ["an addon without its required scoping key", config(dev("", "    addons: { externalDns: {} }\n")), /environments\.dev\.addons\.externalDns\.hostedZoneArns: /],
  ["two entries that map to one role name", config(dev("      - { name: api, namespace: web }\n      - { name: x, namespace: web, roleName: dev-web-api }")), /serviceAccounts\[1\]: role name dev-web-api is also the role name of web\/api/],
  ["a wildcard subject to be created as a ServiceAccount", config(dev('      - { name: "job-*", namespace: batch, allowWildcard: true }')), /serviceAccounts\[0\]\.createServiceAccount: a wildcard subject names no single ServiceAccount to create/],
];

