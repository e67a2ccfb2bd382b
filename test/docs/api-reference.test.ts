// docs/API.md is generated from the constructs' doc comments; it must say what the code says.
import { readFileSync } from "node:fs";
import { API_REFERENCE, apiReference } from "../../scripts/api-reference";

it("docs/API.md is current (npm run docs regenerates it)", () => {
  const generated = apiReference();
  expect(readFileSync(API_REFERENCE, "utf8")).toBe(generated);
  for (const name of ["EksOidcProvider", "IrsaRole", "IrsaServiceAccount", "AwsLoadBalancerControllerRole", "EbsCsiDriverRole", "ExternalDnsRole", "ClusterAutoscalerRole", "ControllerRole", "PodIdentityRole", "PodIdentityAssociation"]) {
    expect(generated).toContain(`### ${name}\n`);
  }
  // Every field of every props type says what it is.
  expect(generated.split("\n").filter((line) => /^\| `[^`]+` \|.*\| {2}\|$/.test(line))).toEqual([]);
});
