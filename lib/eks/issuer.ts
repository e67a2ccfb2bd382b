// OpenID Connect issuer URLs as IAM and STS compare them: byte for byte. The issuer is written into the OIDC
// provider's URL, its ARN and the trust policy's condition keys (`<host>/<path>:sub`), and a token's `iss` must
// equal it, so only the canonical spelling works: `https://` + lower-case host + path, with no port, query,
// fragment, user info or whitespace. Spellings that mean the same URL without doubt are normalised (and the
// caller warns); anything else is refused, because guessing would trust the wrong issuer.
import { dnsSuffix, partitionOfRegion, regionProblem, isPartition } from "../iam/regions";

export type IssuerReading =
  | { readonly ok: true; readonly url: string; /** What was normalised; empty when the URL was canonical. */ readonly normalised: readonly string[] }
  | { readonly ok: false; readonly problem: string };

const DNS_NAME = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;
/** RFC 3986 path characters, percent-encoding excluded (`%41` and `A` would be two spellings of one issuer). */
const PATH = /^(\/[A-Za-z0-9._~!$&'()*+,;=:@-]+)*$/;

export function readIssuerUrl(raw: string): IssuerReading {
  const normalised: string[] = [];
  const refuse = (problem: string): IssuerReading => ({ ok: false, problem });
  const text = raw.trim();
  if (text !== raw) normalised.push("surrounding whitespace removed");
  if (/\s/.test(text)) return refuse("contains whitespace");
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1];
  if (scheme === undefined || (scheme.toLowerCase() !== "https" && !text.slice(scheme.length).startsWith("://"))) {
    return refuse("has no scheme: write https://<host>/<path> (IAM accepts only https issuers)");
  }
  if (scheme.toLowerCase() !== "https") return refuse(`must use https (IAM accepts only https OIDC issuers), not ${scheme}`);
  if (scheme !== "https") normalised.push(`scheme ${scheme} written https`);
  const rest = text.slice(scheme.length + 1);
  if (!rest.startsWith("//")) return refuse(`has no "//" after "${scheme}:": write https://<host>/<path>`);

  const [, authority, path, query, fragment] = /^\/\/([^/?#]*)([^?#]*)(\?[^#]*)?(#.*)?$/.exec(rest)!;
  if (authority.includes("@")) return refuse("has user info (credentials before '@'); an issuer is https://<host>/<path>");
  const [, mixedHost, port] = /^([^:]*)(?::(.*))?$/.exec(authority)!;
  if (port !== undefined && port !== "" && port !== "443") return refuse(`names port ${port}; OIDC issuers are served on 443 and written without a port`);
  if (port !== undefined) normalised.push(`port ":${port}" removed`);
  const host = mixedHost.toLowerCase();
  if (!DNS_NAME.test(host)) return refuse(`host "${mixedHost}" is not a DNS name`);
  if (host !== mixedHost) normalised.push("host lower-cased");
  if (query !== undefined && query !== "?") return refuse(`has a query (${query}); an issuer is https://<host>/<path>`);
  if (fragment !== undefined && fragment !== "#") return refuse(`has a fragment (${fragment}); an issuer is https://<host>/<path>`);
  if (query !== undefined || fragment !== undefined) normalised.push(`empty ${[query && "query '?'", fragment && "fragment '#'"].filter(Boolean).join(" and ")} removed`);
  let canonicalPath = path;
  if (canonicalPath.endsWith("/")) {
    canonicalPath = canonicalPath.slice(0, -1);
    normalised.push("trailing '/' removed");
  }
  if (!PATH.test(canonicalPath) || /\/\.\.?(\/|$)/.test(canonicalPath)) {
    return refuse(`path "${path}" is not a plain URL path (no empty, '.' or '..' segments, no percent-encoding)`);
  }
  const url = `https://${host}${canonicalPath}`;
  const eks = eksIssuerProblem(url);
  return eks ? refuse(eks) : { ok: true, url, normalised };
}

/** The canonical form of an issuer URL that readIssuerUrl accepts (the raw text for one it refuses). */
export function canonicalIssuerUrl(raw: string): string {
  const reading = readIssuerUrl(raw);
  return reading.ok ? reading.url : raw;
}

/** The host and path: the prefix of the trust's condition keys and the end of the provider ARN. */
export const issuerHost = (canonicalUrl: string) => canonicalUrl.replace(/^https:\/\//, "");

const EKS_HOST = /^oidc\.eks\.([^.]+)\.(amazonaws\.com(?:\.cn)?)$/;

/** The region an EKS issuer (https://oidc.eks.<region>.amazonaws.com[.cn]/id/<ID>) names; undefined for other issuers. */
export function eksIssuerRegion(canonicalUrl: string): string | undefined {
  return EKS_HOST.exec(new URL(canonicalUrl).hostname)?.[1];
}

/** An EKS issuer must name a real region of a supported partition, on that partition's domain, and a cluster id. */
function eksIssuerProblem(url: string): string | undefined {
  const { hostname, pathname } = new URL(url);
  const match = EKS_HOST.exec(hostname);
  if (!match) return hostname.startsWith("oidc.eks.") ? `host ${hostname} is not an EKS issuer host (oidc.eks.<region>.amazonaws.com)` : undefined;
  const [, region, suffix] = match;
  if (partitionOfRegion(region) === undefined) {
    return `names region "${region}", which is not an AWS region: copy the cluster's issuer (aws eks describe-cluster --name <cluster> --query cluster.identity.oidc.issuer)`;
  }
  const problem = regionProblem(region);
  if (problem) return `names region ${problem}`;
  const partition = partitionOfRegion(region)!;
  if (isPartition(partition) && dnsSuffix(partition) !== suffix) return `region ${region} is served under ${dnsSuffix(partition)}, not ${suffix}`;
  if (!/^\/id\/[A-Za-z0-9]+$/.test(pathname)) return `an EKS issuer's path is /id/<cluster OIDC id>, not "${pathname}"`;
  return undefined;
}
