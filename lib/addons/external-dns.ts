// ExternalDNS (Route 53 provider).
// Upstream: https://github.com/kubernetes-sigs/external-dns/blob/master/docs/tutorials/aws.md#iam-policy
// Upstream grants the record actions on arn:aws:route53:::hostedzone/*; we grant them on the listed zones only.
import { z } from "zod";
import { defineAddon, mainPolicy } from "./define";
import { requiredArns } from "./options";

const UPSTREAM = "https://github.com/kubernetes-sigs/external-dns/blob/master/docs/tutorials/aws.md#iam-policy";

export const externalDns = defineAddon({
  id: "externalDns",
  title: "ExternalDNS",
  defaultNamespace: "kube-system",
  defaultServiceAccountName: "external-dns",
  options: z.strictObject({ hostedZoneArns: requiredArns("hostedZoneArns", "hostedZone") }),
  upstream: UPSTREAM,
  install: { kind: "helm", chart: "external-dns", repository: "https://kubernetes-sigs.github.io/external-dns/" },
  policies: (options) =>
    mainPolicy([
      {
        Sid: "ChangeRecordsInListedZones",
        Effect: "Allow",
        Action: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:ListTagsForResources"],
        Resource: options.hostedZoneArns,
      },
      { Sid: "ListHostedZones", Effect: "Allow", Action: ["route53:ListHostedZones"], Resource: "*" },
    ]),
});
