// eksctl ClusterConfig -> irsa.yaml. eksctl creates each IRSA role in a CloudFormation stack; this writes the
// entries that describe the same roles (subjects, policies, names) and marks them `adopt: true` where the real
// role name is known, so the first apply imports them instead of failing with EntityAlreadyExists.
// What has no equivalent here is reported as a located warning and kept in the output as a comment.
import { Document, LineCounter, parseDocument, Scalar, stringify, type Node } from "yaml";
import { z } from "zod";
import { addonById } from "../addons";
import { ConfigError, type Diagnostic, type PathSegment } from "../config/diagnostics";
import { locator } from "../config/load";
import { ANNOTATION } from "../eks/service-account";
import { roleArnParts } from "../iam/arn";
import { partitionOfRegion } from "../iam/regions";

export interface EksctlImportOptions {
  /** The ClusterConfig's file name, for diagnostics and the header comment. */
  readonly file: string;
  readonly issuerUrl: string;
  readonly accountId: string;
  /** Environment key; default: the cluster's name. */
  readonly environment?: string;
  /** Real role names keyed `<namespace>/<name>` (eksctl's CloudFormation-generated names, from --role-name(s)). */
  readonly roleNames?: ReadonlyMap<string, string>;
}

export interface EksctlImport {
  /** The irsa.yaml text. */
  readonly text: string;
  readonly environment: string;
  /** Warnings located in the ClusterConfig. */
  readonly warnings: readonly Diagnostic[];
  /** Entries (serviceAccounts and addons) adopted, and not adopted for want of the role's name. */
  readonly adopted: number;
  readonly notAdopted: number;
}

const stringMap = z.record(z.string(), z.string());
const wellKnownPolicies = z.looseObject({
  imageBuilder: z.boolean().optional(),
  autoScaler: z.boolean().optional(),
  awsLoadBalancerController: z.boolean().optional(),
  externalDNS: z.boolean().optional(),
  certManager: z.boolean().optional(),
  ebsCSIController: z.boolean().optional(),
  efsCSIController: z.boolean().optional(),
});
// Version first, as IAM writes it; kept as the string it is (YAML 1.1 readers would take 2012-10-17 for a date).
const policyDocument = z
  .looseObject({ Version: z.string().optional(), Statement: z.array(z.unknown()) })
  .transform(({ Version, Statement, ...rest }) => ({ ...(Version ? { Version: quoted(Version) } : {}), Statement, ...rest }));

const IAM_SERVICE_ACCOUNT_KEYS = ["metadata", "attachPolicyARNs", "attachPolicy", "wellKnownPolicies", "roleName", "roleOnly", "attachRoleARN", "permissionsBoundary", "tags", "status"] as const;
const iamServiceAccount = z.looseObject({
  metadata: z.looseObject({
    name: z.string().min(1),
    namespace: z.string().min(1).optional(),
    labels: stringMap.optional(),
    annotations: stringMap.optional(),
  }),
  attachPolicyARNs: z.array(z.string()).optional(),
  attachPolicy: policyDocument.optional(),
  wellKnownPolicies: wellKnownPolicies.optional(),
  roleName: z.string().min(1).optional(),
  roleOnly: z.boolean().optional(),
  attachRoleARN: z.string().min(1).optional(),
  permissionsBoundary: z.string().min(1).optional(),
  tags: stringMap.optional(),
});

const POD_IDENTITY_KEYS = [
  "namespace", "serviceAccountName", "roleARN", "roleName", "createServiceAccount", "permissionPolicyARNs", "permissionPolicy",
  "wellKnownPolicies", "permissionsBoundaryARN", "tags", "targetRoleARN", "disableSessionTags",
] as const;
const podIdentityAssociation = z.looseObject({
  namespace: z.string().min(1),
  serviceAccountName: z.string().min(1),
  roleARN: z.string().min(1).optional(),
  roleName: z.string().min(1).optional(),
  createServiceAccount: z.boolean().optional(),
  permissionPolicyARNs: z.array(z.string()).optional(),
  permissionPolicy: policyDocument.optional(),
  wellKnownPolicies: wellKnownPolicies.optional(),
  permissionsBoundaryARN: z.string().min(1).optional(),
  tags: stringMap.optional(),
  targetRoleARN: z.string().min(1).optional(),
  disableSessionTags: z.boolean().optional(),
});

const clusterConfig = z.looseObject({
  apiVersion: z.string().regex(/^eksctl\.io\//, 'must be an eksctl apiVersion (e.g. "eksctl.io/v1alpha5")'),
  kind: z.literal("ClusterConfig", { error: 'must be "ClusterConfig"' }),
  metadata: z.looseObject({ name: z.string().min(1), region: z.string().min(1).optional() }),
  iam: z
    .looseObject({
      withOIDC: z.boolean().optional(),
      serviceAccounts: z.array(iamServiceAccount).optional(),
      podIdentityAssociations: z.array(podIdentityAssociation).optional(),
    })
    .optional(),
});

type WellKnown = z.infer<typeof wellKnownPolicies>;
type WellKnownKey = Exclude<keyof WellKnown, symbol | number>;

/**
 * What each of eksctl's wellKnownPolicies becomes: a catalog addon (a role of its own, with the catalog's
 * least-privilege policy) or, for imageBuilder, the same AWS managed policy eksctl attaches.
 * `needs` names the addon option eksctl leaves open (every hosted zone) and irsa requires to be listed.
 */
const WELL_KNOWN: Readonly<Record<WellKnownKey, { readonly addon: string; readonly needs?: string } | { readonly managedPolicy: string }>> = {
  autoScaler: { addon: "clusterAutoscaler" },
  awsLoadBalancerController: { addon: "awsLoadBalancerController" },
  ebsCSIController: { addon: "ebsCsiDriver" },
  efsCSIController: { addon: "efsCsiDriver" },
  externalDNS: { addon: "externalDns", needs: "hostedZoneArns" },
  certManager: { addon: "certManager", needs: "hostedZoneArns" },
  imageBuilder: { managedPolicy: "AmazonEC2ContainerRegistryPowerUser" },
};

/** eksctl's stack of an iamserviceaccount, and so the name it gives the inline policy (`${AWS::StackName}-Policy1`). */
const eksctlInlinePolicyName = (cluster: string, namespace: string, name: string) => `eksctl-${cluster}-addon-iamserviceaccount-${namespace}-${name}-Policy1`;

/** One entry to write: where it came from, the irsa entry, and comments for what it could not carry. */
interface Written {
  readonly source: readonly PathSegment[];
  readonly entry: Record<string, unknown>;
  readonly notes: string[];
}

export function importEksctl(text: string, options: EksctlImportOptions): EksctlImport {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const locate = locator(document, lineCounter);
  if (document.errors.length > 0) {
    const [error] = document.errors;
    const [start] = error.linePos ?? [];
    throw new ConfigError(options.file, [{ severity: "error", path: [], message: `YAML syntax error: ${error.message.split("\n")[0]}`, line: start?.line, column: start?.col }]);
  }
  const parsed = clusterConfig.safeParse(document.toJS({ maxAliasCount: 10_000 }));
  if (!parsed.success) {
    throw new ConfigError(
      options.file,
      parsed.error.issues.map((issue) => {
        const path = issue.path.map((p) => (typeof p === "symbol" ? String(p) : p));
        return { severity: "error" as const, path, message: issue.message.replace(/^Invalid input: /, ""), ...locate(path) };
      }),
    );
  }
  const config = parsed.data;
  const cluster = config.metadata.name;
  const warnings: Diagnostic[] = [];
  const warn = (path: readonly PathSegment[], message: string) => warnings.push({ severity: "warning", path, message, ...locate(path) });
  const roleNames = options.roleNames ?? new Map<string, string>();
  const usedRoleNames = new Set<string>();
  const roleNameOf = (path: readonly PathSegment[], key: string, fromConfig: string | undefined): string | undefined => {
    const given = roleNames.get(key);
    if (given) usedRoleNames.add(key);
    if (given && fromConfig && given !== fromConfig) warn([...path, "roleName"], `is "${fromConfig}" but the role names given for ${key} say "${given}"; using "${given}"`);
    return given ?? fromConfig;
  };

  const serviceAccounts: Written[] = [];
  const addons = new Map<string, Written>();
  const leftOut: string[] = [];
  let adopted = 0;
  let notAdopted = 0;

  /** The role name, and adopt: true, or a warning saying how to adopt the entry later. */
  const adoption = (path: readonly PathSegment[], key: string, roleName: string | undefined): Record<string, unknown> => {
    if (roleName) {
      adopted++;
      return { roleName, adopt: true };
    }
    notAdopted++;
    warn(
      path,
      `eksctl's role for ${key} has a name CloudFormation generated, which the ClusterConfig does not hold: this entry creates a new role (and fails on the existing ServiceAccount) until you adopt it; ` +
        `rerun with --role-name ${key}=<RoleName> or --role-names <(eksctl get iamserviceaccount --cluster ${cluster} -o json)`,
    );
    return {};
  };

  /**
   * eksctl's well-known policies for one entry. A single one that a catalog addon covers, on an entry with no other
   * policy, becomes that addon; imageBuilder becomes its managed policy; the rest are warnings and comments.
   */
  const partition = partitionOfRegion(config.metadata.region ?? "") ?? "aws";
  const wellKnownOf = (path: readonly PathSegment[], policies: WellKnown | undefined, hasOtherPolicies: boolean) => {
    const enabled = (Object.keys(WELL_KNOWN) as WellKnownKey[]).filter((key) => policies?.[key] === true);
    for (const unknown of Object.keys(policies ?? {}).filter((key) => !(key in WELL_KNOWN) && policies?.[key as WellKnownKey] === true)) {
      warn([...path, "wellKnownPolicies", unknown], "is not a well-known policy irsa knows; not imported: grant its permissions in policyArns or policy");
    }
    const managedPolicyArns = enabled.flatMap((key) => {
      const target = WELL_KNOWN[key];
      return "managedPolicy" in target ? [`arn:${partition}:iam::aws:policy/${target.managedPolicy}`] : [];
    });
    const addonKeys = enabled.filter((key) => "addon" in WELL_KNOWN[key]);
    const asAddon = addonKeys.length === 1 && !hasOtherPolicies && managedPolicyArns.length === 0 ? addonKeys[0] : undefined;
    const unmapped = asAddon ? [] : addonKeys;
    return { managedPolicyArns, asAddon, unmapped };
  };

  const unmappedNote = (path: readonly PathSegment[], key: WellKnownKey, why: string) => {
    const target = WELL_KNOWN[key] as { addon: string };
    warn([...path, "wellKnownPolicies", key], `${why}; not imported: add addons.${target.addon} (its own role) or grant the permissions in this entry's policy`);
    return `eksctl wellKnownPolicies.${key} (${formatSource(path)}) not imported: ${why}`;
  };

  (config.iam?.serviceAccounts ?? []).forEach((sa, i) => {
    const path: PathSegment[] = ["iam", "serviceAccounts", i];
    const namespace = sa.metadata.namespace ?? "default";
    const name = sa.metadata.name;
    const key = `${namespace}/${name}`;
    const notes: string[] = [];
    for (const extra of Object.keys(sa).filter((k) => !(IAM_SERVICE_ACCOUNT_KEYS as readonly string[]).includes(k))) {
      warn([...path, extra], "is not a key irsa imports; left as a comment");
      notes.push(`eksctl ${extra} not imported:`, ...indentYaml({ [extra]: (sa as Record<string, unknown>)[extra] }));
    }
    const hasOtherPolicies = (sa.attachPolicyARNs?.length ?? 0) > 0 || sa.attachPolicy !== undefined;
    const wellKnown = wellKnownOf(path, sa.wellKnownPolicies, hasOtherPolicies);
    const roleName = sa.attachRoleARN ? undefined : roleNameOf(path, key, sa.roleName);

    if (wellKnown.asAddon) {
      const target = WELL_KNOWN[wellKnown.asAddon] as { addon: string; needs?: string };
      const addon = addonById(target.addon)!;
      const options: Record<string, unknown> = {
        ...(namespace !== addon.defaultNamespace ? { namespace } : {}),
        ...(name !== addon.defaultServiceAccountName ? { serviceAccountName: name } : {}),
        createServiceAccount: sa.roleOnly !== true,
      };
      const dropped = (["labels", "annotations"] as const).filter((k) => Object.keys(sa.metadata[k] ?? {}).length > 0);
      for (const k of dropped) warn([...path, "metadata", k], `addons take no ${k}; not imported (the controller's chart sets its own)`);
      if (sa.tags) warn([...path, "tags"], "addons take no tags; not imported: set tags in the environment or defaults");
      if (sa.permissionsBoundary) warn([...path, "permissionsBoundary"], "addons take no permissionsBoundaryArn; not imported: set permissionsBoundaryArn in the environment or defaults");
      if (target.needs || addons.has(target.addon) || sa.attachRoleARN) {
        const why = target.needs
          ? `eksctl lets ${addon.title} use every hosted zone; irsa's ${target.addon} needs ${target.needs}: list the zones and uncomment`
          : sa.attachRoleARN
            ? "the entry uses an existing role (attachRoleARN), and addons create theirs"
            : `addons.${target.addon} is already imported from another entry`;
        warn([...path, "wellKnownPolicies", wellKnown.asAddon], `${why}; left as a comment`);
        leftOut.push(`eksctl ${formatSource(path)} (${key}, wellKnownPolicies.${wellKnown.asAddon}) not imported: ${why}:`, ...indentYaml({ addons: { [target.addon]: { ...options, ...(target.needs ? { [target.needs]: ["arn:aws:route53:::hostedzone/<ZONE-ID>"] } : {}) } } }));
        return;
      }
      addons.set(target.addon, { source: path, entry: { ...options, ...adoption(path, key, roleName) }, notes });
      return;
    }

    for (const unmapped of wellKnown.unmapped) notes.push(unmappedNote(path, unmapped, "an entry with other policies is one role, and an addon is a role of its own"));
    const annotations = Object.fromEntries(Object.entries(sa.metadata.annotations ?? {}).filter(([k]) => k !== ANNOTATION.roleArn));
    const policyArns = [...(sa.attachPolicyARNs ?? []), ...wellKnown.managedPolicyArns];
    serviceAccounts.push({
      source: path,
      notes,
      entry: {
        name,
        namespace,
        ...(sa.attachRoleARN ? existingRole(sa.attachRoleARN, sa.roleOnly !== true, () => adopted++) : adoption(path, key, roleName)),
        ...(sa.roleOnly ? { createServiceAccount: false } : {}),
        ...nonEmpty("labels", sa.metadata.labels),
        ...nonEmpty("annotations", annotations),
        ...(sa.attachRoleARN ? {} : nonEmpty("tags", sa.tags)),
        ...(sa.permissionsBoundary && !sa.attachRoleARN ? { permissionsBoundaryArn: sa.permissionsBoundary } : {}),
        ...(policyArns.length && !sa.attachRoleARN ? { policyArns } : {}),
        ...(sa.attachPolicy && !sa.attachRoleARN ? { policyName: eksctlInlinePolicyName(cluster, namespace, name), policy: sa.attachPolicy } : {}),
      },
    });
  });

  (config.iam?.podIdentityAssociations ?? []).forEach((pia, i) => {
    const path: PathSegment[] = ["iam", "podIdentityAssociations", i];
    const key = `${pia.namespace}/${pia.serviceAccountName}`;
    const notes: string[] = [];
    for (const extra of Object.keys(pia).filter((k) => !(POD_IDENTITY_KEYS as readonly string[]).includes(k))) {
      warn([...path, extra], "is not a key irsa imports; left as a comment");
      notes.push(`eksctl ${extra} not imported:`, ...indentYaml({ [extra]: (pia as Record<string, unknown>)[extra] }));
    }
    if (serviceAccounts.some((w) => `${w.entry.namespace}/${w.entry.name}` === key)) {
      const why = "the ServiceAccount is also in iam.serviceAccounts, and one ServiceAccount has one role here: merge them by hand (identity: both)";
      warn(path, `${why}; left as a comment`);
      leftOut.push(`eksctl ${formatSource(path)} (${key}) not imported: ${why}:`, ...indentYaml(pia));
      return;
    }
    const hasOtherPolicies = (pia.permissionPolicyARNs?.length ?? 0) > 0 || pia.permissionPolicy !== undefined;
    const wellKnown = wellKnownOf(path, pia.wellKnownPolicies, hasOtherPolicies);
    const addonKeys = wellKnown.asAddon ? [wellKnown.asAddon] : wellKnown.unmapped;
    for (const unmapped of addonKeys) notes.push(unmappedNote(path, unmapped, "Pod Identity entries here name their policies; an addon is a role of its own"));
    // eksctl's name for a Pod Identity role's inline policy is not known here, so such a role is not adopted.
    const roleName = pia.roleARN ? undefined : roleNameOf(path, key, pia.roleName);
    const adoptable = !pia.permissionPolicy || !roleName;
    if (!adoptable) {
      notAdopted++;
      warn([...path, "permissionPolicy"], "eksctl's name for this inline policy is not known here, so the role is not adopted: set roleName, policyName (from aws iam list-role-policies) and adopt: true");
    }
    const policyArns = [...(pia.permissionPolicyARNs ?? []), ...wellKnown.managedPolicyArns];
    serviceAccounts.push({
      source: path,
      notes,
      entry: {
        name: pia.serviceAccountName,
        namespace: pia.namespace,
        identity: "pod-identity",
        ...(pia.roleARN ? existingRole(pia.roleARN, pia.createServiceAccount === true, () => adopted++) : adoptable ? adoption(path, key, roleName) : { roleName }),
        createServiceAccount: pia.createServiceAccount === true,
        ...(pia.roleARN ? {} : nonEmpty("tags", pia.tags)),
        ...(pia.permissionsBoundaryARN && !pia.roleARN ? { permissionsBoundaryArn: pia.permissionsBoundaryARN } : {}),
        ...(policyArns.length && !pia.roleARN ? { policyArns } : {}),
        ...(pia.permissionPolicy && !pia.roleARN ? { policy: pia.permissionPolicy } : {}),
        ...(pia.targetRoleARN ? { targetRoleArn: pia.targetRoleARN } : {}),
        ...(pia.disableSessionTags !== undefined ? { disableSessionTags: pia.disableSessionTags } : {}),
      },
    });
  });

  for (const key of roleNames.keys()) {
    if (!usedRoleNames.has(key)) warn([], `a role name is given for ${key}, which is not a ServiceAccount of this ClusterConfig`);
  }

  const environment = options.environment ?? cluster;
  const region = config.metadata.region;
  const withOidc = config.iam?.withOIDC === true;
  const out = new Document({
    version: 1,
    defaults: { accountId: options.accountId, ...(region ? { region } : {}) },
    environments: {
      [environment]: {
        clusters: [{ name: cluster, oidcIssuerUrl: options.issuerUrl, ...(withOidc ? { adopt: true } : { oidcProvider: "existing" }) }],
        ...(addons.size ? { addons: Object.fromEntries([...addons].map(([id, written]) => [id, written.entry])) } : {}),
        ...(serviceAccounts.length ? { serviceAccounts: serviceAccounts.map((w) => w.entry) } : {}),
      },
    },
  });
  out.commentBefore = [
    ` Imported from ${options.file} (eksctl ClusterConfig of cluster ${cluster}) by irsa import eksctl.`,
    ` adopt: true imports the existing role, its policies and the ServiceAccount at the first apply (Terraform import blocks).`,
    ` Next: irsa validate --config <this file>; irsa synth; terraform plan shows what is imported and what changes.`,
  ].join("\n");
  const environmentPath = ["environments", environment];
  comment(out, [...environmentPath, "clusters", 0], withOidc
    ? ["iam.withOIDC: eksctl registered this issuer as an IAM OIDC provider; adopt: true takes it into this stack's state."]
    : ["iam.withOIDC is not set: the OIDC provider was registered elsewhere, so it is only read here."]);
  for (const [id, written] of addons) comment(out, [...environmentPath, "addons", id], [`from ${formatSource(written.source)}`, ...written.notes]);
  serviceAccounts.forEach((written, i) => comment(out, [...environmentPath, "serviceAccounts", i], [`from ${formatSource(written.source)}`, ...written.notes]));
  if (leftOut.length) (out.getIn(environmentPath, true) as Node).comment = leftOut.map((line) => ` ${line}`).join("\n");
  return { text: out.toString({ lineWidth: 0 }), environment, warnings, adopted, notAdopted };
}

/** An entry that names an existing role: none is created, the ServiceAccount (if eksctl created it) is adopted. */
function existingRole(roleArn: string, createsServiceAccount: boolean, count: () => void): Record<string, unknown> {
  if (createsServiceAccount) count();
  return { roleArn, ...(createsServiceAccount ? { adopt: true } : {}) };
}

function quoted(value: string): Scalar {
  const scalar = new Scalar(value);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

function nonEmpty(key: string, value: Readonly<Record<string, string>> | undefined): Record<string, unknown> {
  return value && Object.keys(value).length > 0 ? { [key]: value } : {};
}

function comment(document: Document, path: readonly PathSegment[], lines: readonly string[]): void {
  const node = document.getIn(path, true) as Node | undefined;
  if (node && lines.length) node.commentBefore = lines.map((line) => ` ${line}`).join("\n");
}

const indentYaml = (value: unknown) => stringify(value, { lineWidth: 0 }).trimEnd().split("\n").map((line) => `  ${line}`);

/** iam.serviceAccounts[2] */
function formatSource(path: readonly PathSegment[]): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

/** `<namespace>/<name>` -> role name, from `eksctl get iamserviceaccount --cluster C -o json`. */
export function roleNamesFromEksctl(json: unknown): { readonly names: Map<string, string>; readonly problems: string[] } {
  const names = new Map<string, string>();
  const problems: string[] = [];
  const items = Array.isArray(json) ? json : [];
  if (!Array.isArray(json)) problems.push("is not the JSON array that eksctl get iamserviceaccount -o json prints");
  items.forEach((item: { metadata?: { name?: unknown; namespace?: unknown }; status?: { roleARN?: unknown } }, i) => {
    const name = item?.metadata?.name;
    const namespace = item?.metadata?.namespace ?? "default";
    const arn = item?.status?.roleARN;
    const parts = typeof arn === "string" ? roleArnParts(arn) : undefined;
    if (typeof name !== "string" || typeof namespace !== "string" || !parts) {
      problems.push(`[${i}] has no metadata.name or no status.roleARN (an IAM role ARN)`);
      return;
    }
    if (parts.path !== "/") problems.push(`[${i}] ${namespace}/${name}: role path ${parts.path} is not "/"; set rolePath for it, or Terraform replaces the role`);
    names.set(`${namespace}/${name}`, parts.name);
  });
  return { names, problems };
}
