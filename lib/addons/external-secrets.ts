// External Secrets Operator (AWS Secrets Manager and Parameter Store providers).
// Upstream: https://github.com/external-secrets/external-secrets/blob/main/docs/provider/aws-secrets-manager.md
// and https://github.com/external-secrets/external-secrets/blob/main/docs/provider/aws-parameter-store.md
// (first policy of each page: reading secrets; the PushSecret write permissions are not granted).
// Each provider's statements appear only when its ARNs are given; kmsKeyArns adds kms:Decrypt for secrets or
// SecureString parameters encrypted with customer managed keys.
import { z } from "zod";
import type { PolicyStatement } from "../iam/policy";
import { defineAddon, mainPolicy } from "./define";
import { optionalArns } from "./options";

const UPSTREAM = "https://github.com/external-secrets/external-secrets/blob/main/docs/provider/aws-secrets-manager.md";

const SCOPE_KEYS = ["secretsManagerArns", "ssmParameterArns", "kmsKeyArns"] as const;

const options = z
  .strictObject({
    secretsManagerArns: optionalArns("secretsManagerArns", "secret"),
    ssmParameterArns: optionalArns("ssmParameterArns", "ssmParameter"),
    kmsKeyArns: optionalArns("kmsKeyArns", "kmsKey"),
  })
  .refine((value) => SCOPE_KEYS.some((key) => value[key] !== undefined), {
    message: `set at least one of ${SCOPE_KEYS.join(", ")}: External Secrets is scoped to the secrets it may read`,
  });

function statements(value: z.output<typeof options>): readonly PolicyStatement[] {
  const { secretsManagerArns, ssmParameterArns, kmsKeyArns } = value;
  return [
    ...(secretsManagerArns
      ? ([
          {
            Sid: "ListSecrets",
            Effect: "Allow",
            Action: ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"],
            Resource: "*",
          },
          {
            Sid: "ReadListedSecrets",
            Effect: "Allow",
            Action: [
              "secretsmanager:GetResourcePolicy",
              "secretsmanager:GetSecretValue",
              "secretsmanager:DescribeSecret",
              "secretsmanager:ListSecretVersionIds",
            ],
            Resource: secretsManagerArns,
          },
        ] as const)
      : []),
    ...(ssmParameterArns
      ? [{ Sid: "ReadListedParameters", Effect: "Allow", Action: ["ssm:GetParameter*"], Resource: ssmParameterArns } as const]
      : []),
    ...(kmsKeyArns ? [{ Sid: "DecryptWithListedKeys", Effect: "Allow", Action: ["kms:Decrypt"], Resource: kmsKeyArns } as const] : []),
  ];
}

export const externalSecrets = defineAddon({
  id: "externalSecrets",
  title: "External Secrets Operator",
  defaultNamespace: "external-secrets",
  defaultServiceAccountName: "external-secrets",
  options,
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "external-secrets", repository: "https://charts.external-secrets.io" },
  policies: (value) => mainPolicy(statements(value)),
});
