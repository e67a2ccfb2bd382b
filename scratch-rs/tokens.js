const { Testing, Token } = require("cdktf");
const { readFileSync } = require("fs");
const { parseConfig } = require("../dist/lib/config/load");
const { buildPlan } = require("../dist/lib/model/build");
const { EnvironmentStack } = require("../dist/stacks/environment-stack");
const file = process.argv[2];
const plan = buildPlan(parseConfig(readFileSync(file, "utf8"), file));
const stack = new EnvironmentStack(Testing.app(), plan.environments[0]);
const counts = {};
function walk(v, path) {
  if (typeof v === "string") { if (v.includes("TfToken[")) counts[path] = (counts[path] || 0) + 1; return; }
  if (v && typeof v === "object") { if (typeof v.resolve === "function") { counts[path + "<resolvable>"] = (counts[path + "<resolvable>"] || 0) + 1; return; } for (const k of Object.keys(v)) walk(v[k], path + "/" + (Array.isArray(v) ? "#" : (path.split("/").length < 3 ? k : (path.split("/").length === 3 ? "*" : k)))); }
}
const { TerraformElement } = require("cdktf");
for (const c of stack.node.findAll()) if (TerraformElement.isTerraformElement(c)) { const t = c.toTerraform(); walk(t, ""); walk(c.toMetadata(), "meta"); }
console.log(counts);
