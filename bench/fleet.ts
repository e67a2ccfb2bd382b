// Synthetic fleets for the benchmark: E environments x N service accounts. Even-indexed environments
// have one cluster, odd-indexed ones are blue/green (two clusters: blue's OIDC provider is read as
// `existing`, green's is created). Each environment may also enable four catalog addons.
//
// The same Fleet value is written twice: as irsa.yaml for `irsa synth`, and as JSON for bench/bare.ts,
// so both programs describe exactly the same workloads. Everything is deterministic.

export const ACCOUNT_ID = "111122223333";
export const REGION = "us-west-2";
export const ROLE_PATH = "/eks/";
export const PERMISSIONS_BOUNDARY = `arn:aws:iam::${ACCOUNT_ID}:policy/eks-workload-boundary`;
export const TAGS: Readonly<Record<string, string>> = { "managed-by": "cdktf-irsa", owner: "platform" };
export const HOSTED_ZONE = "arn:aws:route53:::hostedzone/Z0123456789ABC";

const MANAGED_POLICIES = [
  "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
  "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
  "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
  `arn:aws:iam::${ACCOUNT_ID}:policy/team-shared-read`,
];

export interface FleetCluster {
  readonly name: string;
  readonly issuerUrl: string;
  readonly oidcProvider: "create" | "existing";
}

export interface FleetServiceAccount {
  readonly name: string;
  readonly namespace: string;
  readonly policyArns: readonly string[];
  /** Inline policy statement resources (one SQS statement), when present. */
  readonly inlineQueues?: readonly string[];
  readonly labels?: Readonly<Record<string, string>>;
  readonly stsRegionalEndpoints?: boolean;
  readonly tokenExpiration?: number;
}

export interface FleetEnvironment {
  readonly name: string;
  readonly clusters: readonly FleetCluster[];
  readonly serviceAccounts: readonly FleetServiceAccount[];
  /** Addon keys enabled under `addons:` (empty when addons are switched off). */
  readonly addons: Readonly<Record<string, Record<string, unknown>>>;
}

export interface Fleet {
  readonly environments: readonly FleetEnvironment[];
}

export const ADDONS: Readonly<Record<string, Record<string, unknown>>> = {
  awsLoadBalancerController: {},
  externalDns: { hostedZoneArns: [HOSTED_ZONE] },
  certManager: { hostedZoneArns: [HOSTED_ZONE] },
  clusterAutoscaler: {},
};

const hex32 = (seed: number) => (seed.toString(16).toUpperCase().padStart(8, "0") + "0123456789ABCDEF0123456789ABCDEF").slice(0, 32);

const environmentName = (index: number) => `env${String(index).padStart(2, "0")}`;

/** How many clusters the fleet's environment of that name has: even ones 1, odd ones 2 (blue/green). */
export const clustersOf = (environment: string): number => (Number(/\d+$/.exec(environment)?.[0]) % 2 === 0 ? 1 : 2);

export function makeFleet(environments: number, serviceAccounts: number, withAddons: boolean): Fleet {
  const envs: FleetEnvironment[] = [];
  for (let e = 0; e < environments; e++) {
    const name = environmentName(e);
    const issuer = (c: number) => `https://oidc.eks.${REGION}.amazonaws.com/id/${hex32(e * 16 + c + 1)}`;
    const clusters: FleetCluster[] =
      clustersOf(name) === 1
        ? [{ name, issuerUrl: issuer(0), oidcProvider: "create" }]
        : [
            { name: `${name}-blue`, issuerUrl: issuer(0), oidcProvider: "existing" },
            { name: `${name}-green`, issuerUrl: issuer(1), oidcProvider: "create" },
          ];
    const sas: FleetServiceAccount[] = [];
    for (let i = 0; i < serviceAccounts; i++) {
      const svc = `svc-${String(i).padStart(4, "0")}`;
      const namespace = `team-${i % 10}`;
      sas.push({
        name: svc,
        namespace,
        policyArns: i % 3 === 0 ? [MANAGED_POLICIES[i % 4], MANAGED_POLICIES[(i + 1) % 4]] : [MANAGED_POLICIES[i % 4]],
        inlineQueues: i % 2 === 0 ? [`arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}-${svc}`, `arn:aws:sqs:${REGION}:${ACCOUNT_ID}:${name}-${svc}-dlq`] : undefined,
        labels: i % 4 === 0 ? { "app.kubernetes.io/part-of": namespace } : undefined,
        stsRegionalEndpoints: i % 5 === 0 ? true : undefined,
        tokenExpiration: i % 7 === 0 ? 3600 : undefined,
      });
    }
    envs.push({ name, clusters, serviceAccounts: sas, addons: withAddons ? ADDONS : {} });
  }
  return { environments: envs };
}

export const INLINE_ACTIONS = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];

/** The fleet as the irsa.yaml document (plain data; bench/run.ts writes it as block YAML). */
export function fleetConfig(fleet: Fleet): unknown {
  return {
    version: 1,
    defaults: {
      accountId: ACCOUNT_ID,
      region: REGION,
      rolePath: ROLE_PATH,
      permissionsBoundaryArn: PERMISSIONS_BOUNDARY,
      tags: TAGS,
      backend: { cloud: { organization: "acme", workspace: "irsa-{env}", project: "eks-iam" } },
    },
    environments: Object.fromEntries(
      fleet.environments.map((env) => [
        env.name,
        {
          clusters: env.clusters.map((c) => ({ name: c.name, oidcIssuerUrl: c.issuerUrl, oidcProvider: c.oidcProvider })),
          ...(Object.keys(env.addons).length ? { addons: env.addons } : {}),
          serviceAccounts: env.serviceAccounts.map((sa) => ({
            name: sa.name,
            namespace: sa.namespace,
            policyArns: sa.policyArns,
            ...(sa.inlineQueues ? { policy: { Statement: [{ Effect: "Allow", Action: INLINE_ACTIONS, Resource: sa.inlineQueues }] } } : {}),
            ...(sa.labels ? { labels: sa.labels } : {}),
            ...(sa.stsRegionalEndpoints !== undefined ? { stsRegionalEndpoints: sa.stsRegionalEndpoints } : {}),
            ...(sa.tokenExpiration !== undefined ? { tokenExpiration: sa.tokenExpiration } : {}),
          })),
        },
      ]),
    ),
  };
}
