// Options schemas: scoping keys are required where the resources are, every ARN is of the right kind,
// unknown keys are refused, and the registry adds the common keys (namespace, serviceAccountName, ...).
import type { z } from "zod";
import { ADDONS, addonById } from "../../lib/addons";
import { addonOptionsSchema, addonsSchema } from "../../lib/config/addons-schema";
import { PARTITIONS } from "../../lib/iam/arn";
import { sampleArns, sampleOptions } from "./fixtures";

const addon = (id: string) => addonById(id)!;
const messages = (result: z.ZodSafeParseResult<unknown>) => (result.success ? [] : result.error.issues.map((issue) => issue.message));
const arns = sampleArns("aws");

describe("the registry", () => {
  it("lists every controller once, in a stable order", () => {
    expect(ADDONS.map((a) => a.id)).toEqual([
      "awsLoadBalancerController",
      "ebsCsiDriver",
      "efsCsiDriver",
      "externalDns",
      "clusterAutoscaler",
      "karpenter",
      "certManager",
      "externalSecrets",
      "vpcCni",
      "velero",
      "amazonManagedPrometheus",
      "fsxLustreCsiDriver",
      "mountpointS3CsiDriver",
      "cloudwatchObservability",
      "nodeTerminationHandler",
    ]);
    expect(addonById("externalDns")?.title).toBe("ExternalDNS");
    expect(addonById("nope")).toBeUndefined();
  });

  it.each([
    ["awsLoadBalancerController", "kube-system", "aws-load-balancer-controller", "helm"],
    ["ebsCsiDriver", "kube-system", "ebs-csi-controller-sa", "aws-ebs-csi-driver"],
    ["efsCsiDriver", "kube-system", "efs-csi-controller-sa", "aws-efs-csi-driver"],
    ["externalDns", "kube-system", "external-dns", "helm"],
    ["clusterAutoscaler", "kube-system", "cluster-autoscaler", "helm"],
    ["karpenter", "kube-system", "karpenter", "helm"],
    ["certManager", "cert-manager", "cert-manager", "helm"],
    ["externalSecrets", "external-secrets", "external-secrets", "helm"],
    ["vpcCni", "kube-system", "aws-node", "vpc-cni"],
    ["mountpointS3CsiDriver", "kube-system", "s3-csi-driver-sa", "aws-mountpoint-s3-csi-driver"],
    ["cloudwatchObservability", "amazon-cloudwatch", "cloudwatch-agent", "amazon-cloudwatch-observability"],
  ])("%s runs as %s/%s, installed by %s", (id, namespace, name, install) => {
    const a = addon(id);
    expect([a.defaultNamespace, a.defaultServiceAccountName]).toEqual([namespace, name]);
    expect(a.install.kind === "eks-addon" ? a.install.addonName : a.install.kind).toBe(install);
  });

  it("gives every controller an upstream URL, and every Helm install a chart and repository", () => {
    for (const a of ADDONS) {
      expect(a.upstream).toMatch(/^https:\/\//);
      if (a.install.kind === "helm")
        expect([a.install.chart, a.install.repository]).toEqual([expect.any(String), expect.stringMatching(/^(https|oci):\/\//)]);
    }
  });

  it.each(PARTITIONS)("accepts the sample options of every controller in %s", (partition) => {
    for (const a of ADDONS) {
      const options = sampleOptions(a.id, partition);
      expect([a.id, messages(a.options.safeParse(options))]).toEqual([a.id, []]);
      expect([a.id, messages(addonOptionsSchema(a).safeParse(options))]).toEqual([a.id, []]);
    }
  });
});

describe("required scoping keys", () => {
  it.each([
    ["externalDns", "hostedZoneArns"],
    ["certManager", "hostedZoneArns"],
    ["karpenter", "nodeRoleArns"],
    ["velero", "bucketArns"],
    ["amazonManagedPrometheus", "workspaceArns"],
    ["mountpointS3CsiDriver", "bucketArns"],
    ["nodeTerminationHandler", "queueArns"],
  ])("%s fails without %s, naming the key", (id, key) => {
    for (const schema of [addon(id).options, addonOptionsSchema(addon(id))]) {
      const missing = schema.safeParse({});
      expect(missing.success).toBe(false);
      expect(messages(missing).join("\n")).toContain(key);
      const empty = schema.safeParse({ ...sampleOptions(id), [key]: [] });
      expect(messages(empty)).toEqual([expect.stringContaining(key)]);
    }
  });

  it("External Secrets needs at least one of its three keys, and says which", () => {
    for (const schema of [addon("externalSecrets").options, addonOptionsSchema(addon("externalSecrets"))]) {
      const [message] = messages(schema.safeParse({}));
      expect(message).toMatch(/secretsManagerArns.*ssmParameterArns.*kmsKeyArns/);
      expect(messages(schema.safeParse({ kmsKeyArns: arns.kmsKeys }))).toEqual([]);
    }
  });

  it("optional keys stay optional", () => {
    expect(messages(addon("ebsCsiDriver").options.safeParse({}))).toEqual([]);
    expect(messages(addon("karpenter").options.safeParse({ nodeRoleArns: arns.nodeRoles }))).toEqual([]);
  });
});

describe("ARN validation", () => {
  it.each([
    ["externalDns", "hostedZoneArns", "arn:aws:route53:us-east-1:111122223333:hostedzone/Z0123456789ABC"],
    ["externalDns", "hostedZoneArns", "arn:aws:s3:::acme-backups"],
    ["externalDns", "hostedZoneArns", "*"],
    ["externalDns", "hostedZoneArns", "arn:aws:route53:::hostedzone/*"],
    ["certManager", "hostedZoneArns", "Z0123456789ABC"],
    ["velero", "bucketArns", "arn:aws:s3:::acme-backups/*"],
    ["velero", "bucketArns", "arn:aws:s3:::*"],
    ["karpenter", "nodeRoleArns", "arn:aws:iam::111122223333:instance-profile/KarpenterNodeInstanceProfile"],
    ["karpenter", "nodeRoleArns", "arn:aws:iam::111122223333:role/*"],
    ["nodeTerminationHandler", "queueArns", "arn:aws:sqs:us-west-2:*:node-events"],
    ["nodeTerminationHandler", "queueArns", "arn:aws:sns:us-west-2:111122223333:node-events"],
    ["externalSecrets", "secretsManagerArns", "arn:aws:secretsmanager:us-west-2:111122223333:secret:*"],
    ["externalSecrets", "ssmParameterArns", "arn:aws:ssm:*:111122223333:parameter/dev/*"],
    ["externalSecrets", "kmsKeyArns", "arn:aws:kms:us-west-2:111122223333:alias/dev"],
    ["amazonManagedPrometheus", "workspaceArns", "arn:aws:aps:us-west-2:111122223333:workspace/*"],
    ["ebsCsiDriver", "kmsKeyArns", "arn:aws-eu:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"],
  ])("%s refuses %s [%s]", (id, key, value) => {
    const result = addon(id).options.safeParse({ ...sampleOptions(id), [key]: [value] });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].path).toEqual([key, 0]);
    const message = result.error!.issues[0].message;
    expect(message.startsWith(`"${value}" `)).toBe(true);
    // A name of wildcards only is the right kind of ARN, but names every resource: the message says so.
    expect(message.slice(value.length + 3)).toMatch(/^(is not|names every)/);
  });

  it("accepts wildcards inside secret and parameter names (secret ARNs end in a random suffix)", () => {
    const options = {
      secretsManagerArns: ["arn:aws:secretsmanager:us-west-2:111122223333:secret:prod/db-??????"],
      ssmParameterArns: ["arn:aws-us-gov:ssm:us-gov-west-1:111122223333:parameter/prod/app/*"],
    };
    expect(messages(addon("externalSecrets").options.safeParse(options))).toEqual([]);
  });

  it("accepts multi-Region KMS keys and role paths", () => {
    expect(
      messages(
        addon("ebsCsiDriver").options.safeParse({
          kmsKeyArns: ["arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"],
        })
      )
    ).toEqual([]);
    expect(
      messages(addon("karpenter").options.safeParse({ nodeRoleArns: ["arn:aws:iam::111122223333:role/eks/nodes/KarpenterNodeRole-prod"] }))
    ).toEqual([]);
  });
});

describe("the full schema of addons.<id>", () => {
  const schema = addonOptionsSchema(addon("externalDns"));

  it("takes namespace, serviceAccountName, createServiceAccount and roleName", () => {
    const options = {
      hostedZoneArns: arns.hostedZones,
      namespace: "dns",
      serviceAccountName: "external-dns.public",
      createServiceAccount: false,
      roleName: "prod-external-dns",
    };
    expect(schema.parse(options)).toEqual(options);
  });

  it.each([
    [{ namespace: "Kube_System" }, ["namespace"]],
    [{ serviceAccountName: "External DNS" }, ["serviceAccountName"]],
    [{ createServiceAccount: "yes" }, ["createServiceAccount"]],
    [{ roleName: "x".repeat(65) }, ["roleName"]],
  ])("refuses %j", (bad, path) => {
    const result = schema.safeParse({ hostedZoneArns: arns.hostedZones, ...bad });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it("refuses unknown keys with a did-you-mean over all keys", () => {
    const result = schema.safeParse({ hostedZoneArns: arns.hostedZones, namepsace: "dns" });
    expect(messages(result)).toEqual([expect.stringContaining('did you mean "namespace"?')]);
    expect(messages(addon("awsLoadBalancerController").options.safeParse({ hostedZoneArns: arns.hostedZones }))).toHaveLength(1);
  });

  it("the addons: block takes each catalog id and nothing else", () => {
    const block = addonsSchema;
    expect(messages(block.safeParse({ awsLoadBalancerController: {}, externalDns: { hostedZoneArns: arns.hostedZones } }))).toEqual([]);
    const typo = block.safeParse({ externalDNS: {} });
    expect(messages(typo)).toEqual([expect.stringContaining('did you mean "externalDns"?')]);
    expect(block.safeParse({ externalDns: {} }).error?.issues[0].path).toEqual(["externalDns", "hostedZoneArns"]);
  });
});
