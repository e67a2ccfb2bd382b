// cert-manager (ACME DNS-01 with Route 53).
// Upstream: https://cert-manager.io/docs/configuration/acme/dns01/route53/
// (source: https://github.com/cert-manager/website/blob/master/content/docs/configuration/acme/dns01/route53.md).
// As upstream, record changes are limited to TXT records; unlike upstream, to the listed zones only.
import { z } from "zod";
import { arn } from "../iam/arn";
import { defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://cert-manager.io/docs/configuration/acme/dns01/route53/";

export const certManager = defineAddon({
  id: "certManager",
  title: "cert-manager",
  defaultNamespace: "cert-manager",
  defaultServiceAccountName: "cert-manager",
  options: z.strictObject({ hostedZoneArns: requiredArns("hostedZoneArns", "hostedZone") }),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "cert-manager", repository: "https://charts.jetstack.io" },
  policies: (options, context) =>
    mainPolicy([
      {
        Sid: "GetChange",
        Effect: "Allow",
        Action: "route53:GetChange",
        Resource: arn({ partition: context.partition, service: "route53", resource: "change/*" }),
      },
      {
        Sid: "ChangeTxtRecordsInListedZones",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"],
        Resource: options.hostedZoneArns,
        Condition: { "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["TXT"] } },
      },
      { Sid: "ListHostedZonesByName", Effect: "Allow", Action: "route53:ListHostedZonesByName", Resource: "*" },
    ]),
});
