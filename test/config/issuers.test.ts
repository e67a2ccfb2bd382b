// Issuer URLs are canonical or refused; regions come from AWS's list; one cluster belongs to one environment
// of an account. Judged through the real loader and model (the provider URL, its ARN and the trust keys).
import { RegionInfo } from "@aws-cdk/region-info";
import { parseConfig } from "../../lib/config/load";
import { REGIONS, SUPPORTED_REGIONS } from "../../lib/iam/regions";
import { evaluate, webIdentityRequest } from "../../lib/iam/evaluate";
import { config, errorsOf, ISSUER_A, ISSUER_B, planOf } from "../support";

const HOST_A = ISSUER_A.slice("https://".length);

const withIssuer = (issuer: string, extra = "") => config(`  dev:
${extra}    clusters:
      - { name: dev, oidcIssuerUrl: ${JSON.stringify(issuer)} }
    serviceAccounts:
      - { name: api, namespace: web }
`);

describe("issuer URLs", () => {
  it.each([
    ["an upper-case scheme and host", ISSUER_A.replace("https://oidc.eks", "HTTPS://OIDC.EKS"), /scheme HTTPS written https; host lower-cased/],
    ["port 443", ISSUER_A.replace(".com/", ".com:443/"), /port ":443" removed/],
    ["a trailing slash", `${ISSUER_A}/`, /trailing '\/' removed/],
    ["an empty query", `${ISSUER_A}?`, /empty query '\?' removed/],
    ["an empty fragment", `${ISSUER_A}#`, /empty fragment '#' removed/],
    ["surrounding whitespace", ` ${ISSUER_A}\n`, /surrounding whitespace removed/],
  ])("normalises %s with a located warning, everywhere the issuer is written", (_what, written, note) => {
    const plan = planOf(withIssuer(written));
    const [cluster] = plan.environments[0].clusters;
    expect(cluster.issuerUrl).toBe(ISSUER_A);
    expect(cluster.oidcProviderArn).toBe(`arn:aws:iam::111122223333:oidc-provider/${HOST_A}`);
    expect(JSON.stringify(plan.environments[0].roles[0].trust)).toContain(`"${HOST_A}:sub"`);
    const [warning] = plan.warnings.filter((d) => d.path.join(".") === "environments.dev.clusters.0.oidcIssuerUrl");
    expect(warning).toMatchObject({ severity: "warning", line: 8 });
    expect(warning.message).toMatch(note);
    expect(warning.message).toContain(`read as ${ISSUER_A}`);
    // A real token of the cluster (iss without port, lower-case host) is admitted by the trust.
    const request = webIdentityRequest(cluster.oidcProviderArn, { sub: "system:serviceaccount:web:api", aud: "sts.amazonaws.com" });
    expect(evaluate(plan.environments[0].roles[0].trust, request).decision).toBe("allow");
  });

  it("leaves a canonical issuer alone (no warning)", () => {
    expect(planOf(withIssuer(ISSUER_A)).warnings).toEqual([]);
  });

  it.each([
    ["user info", ISSUER_A.replace("https://", "https://:pw@"), /has user info/],
    ["whitespace inside", ISSUER_A.replace("/id/", "/id/ "), /contains whitespace/],
    ["a tab inside", ISSUER_A.replace("/id/", "/id/\t"), /contains whitespace/],
    ["another port", ISSUER_A.replace(".com/", ".com:8443/"), /names port 8443/],
    ["a query with content", `${ISSUER_A}?x=1`, /has a query \(\?x=1\)/],
    ["a fragment with content", `${ISSUER_A}#keys`, /has a fragment \(#keys\)/],
    ["a missing scheme", HOST_A, /has no scheme: write https:\/\/<host>\/<path>/],
    ["https: without //", `https:${HOST_A}`, /has no "\/\/" after "https:"/],
    ["http", ISSUER_A.replace("https", "http"), /must use https/],
    ["percent-encoding", `${ISSUER_A}%41`, /not a plain URL path/],
    ["a blog placeholder region", "https://oidc.eks.region.amazonaws.com/id/EXAMPLECLUSTERID", /names region "region", which is not an AWS region/],
    ["a China region on the global domain", "https://oidc.eks.cn-north-1.amazonaws.com/id/AAAA", /region cn-north-1 is served under amazonaws\.com\.cn/],
    ["an EKS host without /id/", "https://oidc.eks.us-west-2.amazonaws.com/AAAA", /path is \/id\/<cluster OIDC id>/],
  ])("refuses %s with one located line", (_what, written, reason) => {
    const lines = errorsOf(withIssuer(written));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^irsa\.yaml:8:\d+: error: environments\.dev\.clusters\[0\]\.oidcIssuerUrl: /);
    expect(lines[0]).toMatch(reason);
  });

  it("finds duplicate issuers on the canonical form", () => {
    const yaml = config(`  dev:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_A.replace(".com/", ".com:443/")}" }
`);
    expect(errorsOf(yaml).join("\n")).toMatch(/environments\.dev\.clusters\[1\]\.oidcIssuerUrl: is also the issuer of cluster "blue"/);
  });

  it("refuses a region that contradicts the cluster's EKS issuer", () => {
    const yaml = config(`  dev:
    clusters:
      - { name: dev, oidcIssuerUrl: "${ISSUER_A}", region: eu-west-1 }
`);
    expect(errorsOf(yaml).join("\n")).toMatch(/clusters\[0\]\.region: is eu-west-1, but the cluster's issuer is in us-west-2/);
  });
});

describe("regions", () => {
  it("are AWS's list of the three partitions (the package's public RegionInfo agrees with the module we read)", () => {
    const published = RegionInfo.regions.filter((r) => ["aws", "aws-cn", "aws-us-gov"].includes(r.partition!)).map((r) => r.name);
    expect([...SUPPORTED_REGIONS].sort()).toEqual([...published].sort());
    expect(REGIONS["aws-cn"]).toEqual(["cn-north-1", "cn-northwest-1"]);
    expect(REGIONS["aws-us-gov"]).toEqual(["us-gov-east-1", "us-gov-west-1"]);
    expect(REGIONS.aws).toEqual(expect.arrayContaining(["us-east-1", "eu-central-1", "ap-southeast-7", "mx-central-1"]));
  });

  it.each([
    ["a made-up region", 'region: us-west-9', /defaults\.region: "us-west-9" is not an AWS region; did you mean "us-west-[12]"\?/],
    ["a placeholder", "region: region", /defaults\.region: "region" is not an AWS region/],
    ["a region of an unsupported partition", "region: us-iso-east-1", /"us-iso-east-1" is in partition aws-iso, which is not supported/],
  ])("refuses %s in region:", (_what, line, expected) => {
    const lines = errorsOf(config(`  dev:\n    clusters: [{ name: dev, oidcIssuerUrl: "${ISSUER_A}" }]\n`, `accountId: "111122223333"\n  ${line}`));
    expect(lines.join("\n")).toMatch(expected);
  });

  it("accepts every region of the partition in region: and in issuer hosts", () => {
    const yaml = config(`  gov:
    partition: aws-us-gov
    region: us-gov-east-1
    clusters: [{ name: gov, oidcIssuerUrl: "https://oidc.eks.us-gov-west-1.amazonaws.com/id/AAAA" }]
  cn:
    partition: aws-cn
    region: cn-northwest-1
    clusters: [{ name: cn, oidcIssuerUrl: "https://oidc.eks.cn-north-1.amazonaws.com.cn/id/AAAA" }]
`);
    const plan = planOf(yaml);
    expect(plan.environments.map((e) => e.clusters[0].region)).toEqual(["us-gov-west-1", "cn-north-1"]);
  });
});

describe("one cluster, one environment per account", () => {
  const twoEnvironments = (second: string, secondExtra = "") => config(`  staging:
    clusters: [{ name: shared, oidcIssuerUrl: "${ISSUER_A}" }]
  prod:
${secondExtra}    clusters: [${second}]
`);

  it("refuses the same issuer in two environments of one account, naming both places", () => {
    const lines = errorsOf(twoEnvironments(`{ name: other, oidcIssuerUrl: "${ISSUER_A}/" }`));
    expect(lines.filter((line) => / error: /.test(line))).toEqual([
      expect.stringMatching(
        /^irsa\.yaml:9:\d+: error: environments\.prod\.clusters\[0\]\.oidcIssuerUrl: issuer https:\S+ is also at environments\.staging\.clusters\[0\]\.oidcIssuerUrl; one cluster belongs to one environment of account 111122223333/,
      ),
    ]);
  });

  it("refuses the same cluster ARN in two environments of one account", () => {
    const lines = errorsOf(twoEnvironments(`{ name: shared, oidcIssuerUrl: "${ISSUER_B}" }`));
    expect(lines.join("\n")).toMatch(/environments\.prod\.clusters\[0\]\.name: cluster arn:aws:eks:us-west-2:111122223333:cluster\/shared is also at environments\.staging\.clusters\[0\]\.name/);
  });

  it("allows the same cluster in environments of two accounts (cross-account IRSA registers the issuer in each)", () => {
    const plan = planOf(twoEnvironments(`{ name: shared, oidcIssuerUrl: "${ISSUER_A}", accountId: "111122223333" }`, '    accountId: "444455556666"\n'));
    expect(plan.environments.map((e) => e.clusters[0].oidcProviderArn)).toEqual([
      `arn:aws:iam::111122223333:oidc-provider/${HOST_A}`,
      `arn:aws:iam::444455556666:oidc-provider/${HOST_A}`,
    ]);
  });

  it("leaves the loader's output as before for different clusters", () => {
    expect(parseConfig(twoEnvironments(`{ name: other, oidcIssuerUrl: "${ISSUER_B}" }`), "irsa.yaml").warnings).toEqual([]);
  });
});
