/**
 * The import graph (`npm run deps`, part of `npm test`): no cycle, and every import points down the flow
 *   shared helpers -> addons catalog -> config -> model -> (constructs | analysis | lint | import) -> output -> CLI -> entry points
 * A module may import its own layer and the layers before it; the siblings after the model do not import each other. ARCHITECTURE.md describes the layers; a new folder under lib/ must be given one here.
 */
const LAYERS = [
  { name: "shared", path: "^lib/(iam|eks|hcl|terraform)/" },
  { name: "addons", path: "^lib/addons/" },
  { name: "config", path: "^lib/config/" },
  { name: "model", path: "^lib/model/" },
  { name: "constructs", path: "^(lib/constructs/|stacks/)" },
  { name: "analysis", path: "^lib/analysis/", besidePrevious: true },
  { name: "lint", path: "^lib/lint/", besidePrevious: true },
  // Other tools' descriptions (eksctl ClusterConfig) -> irsa.yaml text: reads the config layer, writes config.
  { name: "import", path: "^lib/import/", besidePrevious: true },
  { name: "output", path: "^lib/(app|output|synthesize)\\.ts$" },
  { name: "cli", path: "^lib/cli/" },
  { name: "entry", path: "^(main\\.ts|index\\.ts|bin/|bench/)" },
];
let rank = 0;
for (const layer of LAYERS) layer.rank = layer.besidePrevious ? rank : ++rank;

const upward = LAYERS.map((layer) => ({
  layer,
  later: LAYERS.filter((other) => other !== layer && other.rank >= layer.rank).map((other) => other.path),
}))
  .filter(({ later }) => later.length > 0)
  .map(({ layer, later }) => ({
    name: `${layer.name}-imports-up-or-sideways`,
    comment: `${layer.name} may import only the layers before it in the flow (see ARCHITECTURE.md)`,
    severity: "error",
    from: { path: layer.path },
    to: { path: later },
  }));

const ANY_LAYER = LAYERS.map((layer) => layer.path);
// cdktf and the providers (construct classes) stay in the constructs and output layers, so a move to another
// CDK for Terraform stays a rename there; providers by deep path, never their index of every resource.
const CDKTF = "^node_modules/(cdktf|constructs|@cdktf/provider-[a-z]+)/";

module.exports = {
  forbidden: [
    { name: "no-cycle", severity: "error", from: {}, to: { circular: true } },
    ...upward,
    { name: "lib-module-outside-layers", comment: "give every folder under lib/ a layer in .dependency-cruiser.js", severity: "error", from: { path: "^lib/", pathNot: ANY_LAYER }, to: {} },
    { name: "imports-lib-module-outside-layers", severity: "error", from: {}, to: { path: "^lib/", pathNot: ANY_LAYER } },
    { name: "cdktf-outside-constructs", severity: "error", from: { path: "^lib/", pathNot: ["^lib/constructs/", "^lib/(app|output|synthesize)\\.ts$"] }, to: { path: CDKTF } },
    { name: "provider-index", comment: "import a provider resource by deep path (@cdktf/provider-aws/lib/iam-role)", severity: "error", from: {}, to: { path: "^node_modules/@cdktf/provider-[a-z]+/lib/index\\.js$" } },
    { name: "product-imports-tests", severity: "error", from: { pathNot: "^test/" }, to: { path: "^test/" } },
    { name: "test-only-package-in-product", comment: "devDependencies are for tests and tooling", severity: "error", from: { path: "^(lib|stacks|bin)/|^(main|index)\\.ts$", pathNot: "^bin/irsa\\.js$" }, to: { dependencyTypes: ["npm-dev"] } },
    {
      name: "test-only-package-in-cli-launcher",
      comment: "bin/irsa.js reaches ts-node only in a checkout whose dist/ is stale; an installed package runs dist/",
      severity: "error",
      from: { path: "^bin/irsa\\.js$" },
      to: { dependencyTypes: ["npm-dev"], pathNot: "^node_modules/ts-node/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
    exclude: { path: "^(dist|cdktf\\.out)/" },
  },
};
