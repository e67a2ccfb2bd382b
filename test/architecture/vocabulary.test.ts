// Each fact of the domain is spelled in one module and imported everywhere else. This test reads every string,
// template and regular-expression literal (and the numbers of IAM's quotas) of the product's code and fails
// when one of those facts appears outside its home: a second spelling is how two places drift apart.
import { readdirSync, readFileSync } from "node:fs";
import { join, sep } from "node:path";
import ts from "typescript";

const ROOT = join(__dirname, "..", "..");

interface Fact {
  readonly what: string;
  /** Tested against the text of each literal. */
  readonly pattern: RegExp;
  /** The one module allowed to spell it (path from the repository root). */
  readonly home: string;
}

const FACTS: readonly Fact[] = [
  { what: "rule id", pattern: /\bIRSA\d{3}\b/, home: "lib/config/rule-ids.ts" },
  { what: "partition name", pattern: /\baws-(cn|us-gov)\b/, home: "lib/iam/arn.ts" },
  { what: "OIDC provider ARN shape", pattern: /oidc-provider\//, home: "lib/iam/arn.ts" },
  { what: "ServiceAccount annotation", pattern: /eks\.amazonaws\.com\//, home: "lib/eks/service-account.ts" },
  { what: "Pod Identity session tag", pattern: /aws:RequestTag\/(eks-cluster-arn|kubernetes-namespace|kubernetes-service-account)\b/, home: "lib/iam/trust.ts" },
  { what: "source-account condition key", pattern: /^aws:SourceAccount$/, home: "lib/iam/trust.ts" },
  { what: "ServiceAccount subject prefix", pattern: /system:serviceaccount:/, home: "lib/iam/trust.ts" },
  { what: "STS audience", pattern: /(^|[^.\w-])sts\.amazonaws\.com\b/, home: "lib/iam/trust.ts" },
  { what: "Pod Identity service principal", pattern: /\bpods\.eks\.amazonaws\.com\b/, home: "lib/iam/trust.ts" },
  { what: "region pattern", pattern: /\[a-z\]\{2\}/, home: "(none: lib/iam/regions.ts lists the regions)" },
  { what: "file-system error code", pattern: /^E(NOENT|ACCES|ISDIR|PERM|ROFS|NOTDIR|NOSPC|DQUOT|NOTEMPTY|NAMETOOLONG|LOOP)$/, home: "lib/config/file-errors.ts" },
];

/** IAM's and EKS's numeric limits, as number literals. */
const NUMBERS: readonly { readonly value: number; readonly what: string; readonly home: string }[] = [
  { value: 86400, what: "token expiration maximum", home: "lib/eks/service-account.ts" },
  { value: 43200, what: "session duration maximum", home: "lib/iam/limits.ts" },
  { value: 2048, what: "trust policy default quota", home: "lib/iam/limits.ts" },
  { value: 8192, what: "trust policy quota maximum", home: "lib/iam/limits.ts" },
  { value: 10240, what: "inline policies limit", home: "lib/iam/limits.ts" },
];

function productFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : /\.(ts|js)$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  return [...walk("lib"), ...walk("stacks"), ...walk("bin"), "main.ts"].map((file) => file.split(sep).join("/"));
}

/** Every literal of a file with its line: strings, template parts, regular expressions, numbers. */
function literals(file: string): { text: string; line: number; numeric: boolean }[] {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), "utf8"), ts.ScriptTarget.Latest, true);
  const found: { text: string; line: number; numeric: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node) || ts.isNumericLiteral(node)) {
      found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, numeric: ts.isNumericLiteral(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("one vocabulary", () => {
  const files = productFiles();

  it("reads the product's code (lib, stacks, bin, main.ts)", () => {
    expect(files).toEqual(expect.arrayContaining(["lib/iam/trust.ts", "lib/model/build.ts", "stacks/environment-stack.ts", "main.ts"]));
  });

  it("spells each fact of the domain only in its home module", () => {
    const shown = (text: string) => JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}...` : text);
    const strays = files.flatMap((file) =>
      literals(file).flatMap(({ text, line, numeric }) => [
        ...(numeric ? [] : FACTS.filter((fact) => fact.home !== file && fact.pattern.test(text)).map((fact) => `${file}:${line}: ${fact.what} in ${shown(text)} belongs in ${fact.home}`)),
        ...(numeric ? NUMBERS.filter((n) => n.home !== file && Number(text) === n.value).map((n) => `${file}:${line}: ${n.what} ${text} belongs in ${n.home}`) : []),
      ]),
    );
    expect(strays).toEqual([]);
  });

  it("has a home for each fact that really spells it", () => {
    for (const fact of FACTS.filter((f) => f.home.startsWith("lib/"))) {
      expect([fact.what, literals(fact.home).some(({ text }) => fact.pattern.test(text))]).toEqual([fact.what, true]);
    }
    for (const n of NUMBERS) expect([n.what, literals(n.home).some(({ text, numeric }) => numeric && Number(text) === n.value)]).toEqual([n.what, true]);
  });
});

