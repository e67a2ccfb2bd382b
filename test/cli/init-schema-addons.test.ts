import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ADDONS } from "../../lib/addons";
import { STARTER_CONFIG } from "../../lib/cli/starter";
import { runCli } from "../../lib/cli/run";
import { captureIo, ROOT, tempDir } from "../support";
import { cli } from "./helpers";

describe("irsa init", () => {
  it("writes a starter irsa.yaml that validates without findings", async () => {
    const out = join(tempDir(), "irsa.yaml");
    const init = await cli("init", "--out", out);
    expect(init.code).toBe(0);
    expect(init.out).toContain(`wrote ${out}`);
    expect(readFileSync(out, "utf8")).toBe(STARTER_CONFIG);
    const validate = await cli("validate", "--config", out, "--format", "json");
    expect(validate.code).toBe(0);
    expect(JSON.parse(validate.out)).toMatchObject({ valid: true, summary: { errors: 0, warnings: 0, suppressed: 0 } });
  });

  it("is commented and points editors at the schema", () => {
    expect(STARTER_CONFIG.split("\n")[0]).toBe("# yaml-language-server: $schema=./irsa.schema.json");
    expect(STARTER_CONFIG.split("\n").filter((l) => l.trim().startsWith("#")).length).toBeGreaterThan(15);
  });

  it("refuses to overwrite an existing file (exit 2) unless --force", async () => {
    const out = join(tempDir(), "irsa.yaml");
    writeFileSync(out, "mine\n");
    const refused = await cli("init", "--out", out);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain(`${out} already exists; not overwriting it (use --force to replace it)`);
    expect(readFileSync(out, "utf8")).toBe("mine\n");
    const forced = await cli("init", "--out", out, "--force");
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(STARTER_CONFIG);
  });

  it("prints to stdout with --stdout, and exits 2 for a missing folder", async () => {
    expect((await cli("init", "--stdout")).out).toBe(STARTER_CONFIG.endsWith("\n") ? STARTER_CONFIG : `${STARTER_CONFIG}\n`);
    const missing = join(tempDir(), "no", "such", "irsa.yaml");
    const result = await cli("init", "--out", missing);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/cannot write: no such folder/);
    expect(existsSync(missing)).toBe(false);
  });
});

describe("irsa schema", () => {
  it("prints the JSON Schema of irsa.yaml", async () => {
    const result = await cli("schema");
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.out);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.title).toBe("irsa.yaml");
    expect(schema.required).toEqual(expect.arrayContaining(["version", "environments"]));
    expect(schema.properties.environments.type).toBe("object");
    const environment = schema.properties.environments.additionalProperties;
    expect(Object.keys(environment.properties)).toEqual(expect.arrayContaining(["clusters", "serviceAccounts", "addons", "accountId"]));
    const serviceAccount = environment.properties.serviceAccounts.items;
    expect(serviceAccount.additionalProperties).toBe(false);
    expect(Object.keys(serviceAccount.properties)).toEqual(expect.arrayContaining(["name", "namespace", "allowWildcard", "suppress", "tokenExpiration"]));
    expect(serviceAccount.properties.tokenExpiration).toMatchObject({ minimum: 600, maximum: 86400 });
    expect(Object.keys(environment.properties.addons.properties)).toEqual(ADDONS.map((a) => a.id));
  });

  it("documents the yaml-language-server line in its help", async () => {
    const help = await cli("schema", "--help");
    expect(help.code).toBe(0);
    expect(help.out).toContain("# yaml-language-server: $schema=./irsa.schema.json");
  });
});

describe("irsa addons", () => {
  it("lists every controller of the catalog with its subject, install method and options", async () => {
    const result = await cli("addons");
    expect(result.code).toBe(0);
    for (const addon of ADDONS) {
      expect(result.out).toMatch(new RegExp(`^${addon.id}\\s+.*${addon.defaultNamespace}/${addon.defaultServiceAccountName}`, "m"));
    }
    expect(result.out).toMatch(/^externalDns\s+ExternalDNS\s+kube-system\/external-dns\s+Helm chart external-dns .*hostedZoneArns\*/m);
    // The keys the schema gives every addon, identity included, as README documents them.
    expect(result.out).toContain("Every addon also takes namespace, serviceAccountName, createServiceAccount, roleName, identity, adopt and exclusivePolicies.");
  });

  it("--json gives the catalog as data", async () => {
    const catalog = JSON.parse((await cli("addons", "--json")).out);
    expect(catalog.map((a: { id: string }) => a.id)).toEqual(ADDONS.map((a) => a.id));
    const externalDns = catalog.find((a: { id: string }) => a.id === "externalDns");
    expect(externalDns).toMatchObject({ subject: "kube-system/external-dns", options: [{ name: "hostedZoneArns", required: true, type: "string[]" }] });
    expect(catalog.some((a: { install: string }) => a.install.startsWith("EKS add-on "))).toBe(true);
  });
});

describe("irsa.schema.json", () => {
  it("is the committed output of `irsa schema` (regenerate with npm run schema), so editors see the real schema", async () => {
    const io = captureIo();
    expect(await runCli(["schema"], io)).toBe(0);
    expect(readFileSync(join(ROOT, "irsa.schema.json"), "utf8")).toBe(io.stdout());
  });
});
