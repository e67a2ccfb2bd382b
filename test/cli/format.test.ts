import { styleFor, visibleLength } from "../../lib/cli/style";
import { table } from "../../lib/cli/table";
import { config, ISSUER_A, ISSUER_B, writeConfig } from "../support";
import { cli } from "./helpers";

describe("text formatting", () => {
  it("aligns columns by visible width, ignoring ANSI codes, and trims trailing blanks", () => {
    const style = styleFor({ color: true });
    expect(visibleLength(style.red("abc"))).toBe(3);
    expect(table([[style.bold("a"), "bb", ""], ["ccc", "d", ""]], "  ")).toEqual([`  ${style.bold("a")}    bb`, "  ccc  d"]);
  });

  it("adds no codes without colour", () => {
    expect(styleFor({ color: false }).red("x")).toBe("x");
  });
});

describe("--role with an addon id", () => {
  it("is refused (exit 2) when the addon has one role per cluster, listing the keys", async () => {
    const file = writeConfig(
      config(`  prod:
    clusters:
      - { name: blue, oidcIssuerUrl: "${ISSUER_A}" }
      - { name: green, oidcIssuerUrl: "${ISSUER_B}" }
    addons:
      clusterAutoscaler: {}
      externalDns: { hostedZoneArns: ["arn:aws:route53:::hostedzone/Z0123456789ABC"] }
`),
    );
    const token = writeConfig("x.y.z", "token.jwt");
    const ambiguous = await cli("check-token", "--config", file, "--env", "prod", "--role", "clusterAutoscaler", "--token", token);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.err).toMatch(/--role clusterAutoscaler: names 2 roles of environment prod \(.*cluster-autoscaler.*\); give one of these keys/);
    const single = await cli("check-token", "--config", file, "--env", "prod", "--role", "externalDns", "--token", token);
    expect(single.code).toBe(2); // found the role; then the token is no JWT
    expect(single.err).toMatch(/token\.jwt: malformed JWT/);
  });
});
