// The API reference of the construct library (docs/API.md), read from the doc comments of what the package
// entry (index.ts) exports, with the TypeScript compiler. `npm run docs` writes it; a test keeps it current.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import ts from "typescript";

const ROOT = resolve(__dirname, "..");
export const API_REFERENCE = join(ROOT, "docs", "API.md");

export function apiReference(): string {
  const entry = join(ROOT, "index.ts");
  const program = ts.createProgram([entry], { strict: true, esModuleInterop: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
  const declared = exports.map((symbol) => (symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol));
  const classes = declared.filter((s) => s.flags & ts.SymbolFlags.Class);
  const interfaces = declared.filter((s) => s.flags & ts.SymbolFlags.Interface && s.declarations?.some((d) => d.getSourceFile().fileName.includes("/lib/constructs/")));

  const out = [
    "# API reference",
    "",
    "Generated from the doc comments by `npm run docs` (scripts/api-reference.ts); a test keeps it current.",
    'Everything here is exported by the package entry: `import { IrsaRole } from "cdktf-irsa"`.',
    "",
    "## Constructs",
    "",
  ];
  for (const symbol of classes) out.push(...classSection(symbol, checker));
  out.push("## Props and other types", "");
  for (const symbol of interfaces) out.push(...interfaceSection(symbol, checker));
  return `${out.join("\n").trimEnd()}\n`;
}

function classSection(symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
  const declaration = symbol.declarations!.find(ts.isClassDeclaration)!;
  const heritage = declaration.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.getText();
  const constructor = declaration.members.find(ts.isConstructorDeclaration);
  const isAbstract = declaration.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword);
  const lines = [`### ${symbol.name}`, "", docOf(symbol, checker), ""];
  if (constructor && !isAbstract) {
    const parameters = constructor.parameters.map((p) => p.getText().replace(/\s+/g, " ")).join(", ");
    lines.push("```ts", `new ${symbol.name}(${parameters})`, "```", "");
  } else if (isAbstract) {
    lines.push("Abstract: created through its subclasses.", "");
  }
  if (heritage) lines.push(`Extends \`${heritage}\`.`, "");
  const properties = declaration.members.filter(
    (m): m is ts.PropertyDeclaration | ts.GetAccessorDeclaration =>
      (ts.isPropertyDeclaration(m) || ts.isGetAccessorDeclaration(m)) && !m.modifiers?.some((x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword),
  );
  if (properties.length) {
    lines.push("| Property | Type | Description |", "| --- | --- | --- |");
    for (const property of properties) {
      const member = checker.getSymbolAtLocation(property.name)!;
      const type = ts.isPropertyDeclaration(property) ? property.type?.getText() : property.type?.getText();
      lines.push(`| \`${member.name}\`${property.questionToken ? " (optional)" : ""} | ${code(type ?? checker.typeToString(checker.getTypeOfSymbol(member)))} | ${cell(docOf(member, checker))} |`);
    }
    lines.push("");
  }
  return lines;
}

function interfaceSection(symbol: ts.Symbol, checker: ts.TypeChecker): string[] {
  const declaration = symbol.declarations!.find(ts.isInterfaceDeclaration)!;
  const heritage = declaration.heritageClauses?.flatMap((h) => h.types.map((t) => `\`${t.getText()}\``));
  const lines = [`### ${symbol.name}`, ""];
  const doc = docOf(symbol, checker);
  if (doc) lines.push(doc, "");
  if (heritage?.length) lines.push(`Also takes every field of ${heritage.join(", ")}.`, "");
  const fields = declaration.members.filter(ts.isPropertySignature);
  if (fields.length) {
    lines.push("| Field | Type | Default | Description |", "| --- | --- | --- | --- |");
    for (const field of fields) {
      const member = checker.getSymbolAtLocation(field.name)!;
      const fallback = ts.getJSDocTags(field).find((t) => t.tagName.text === "default");
      const defaultText = fallback ? ts.getTextOfJSDocComment(fallback.comment) ?? "" : field.questionToken ? "" : "required";
      lines.push(`| \`${member.name}\` | ${code(field.type?.getText() ?? "")} | ${cell(defaultText.replace(/^- /, ""))} | ${cell(docOf(member, checker))} |`);
    }
    lines.push("");
  }
  return lines;
}

const docOf = (symbol: ts.Symbol, checker: ts.TypeChecker) => ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
const cell = (text: string) => text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
const code = (text: string) => `\`${text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|")}\``;

if (require.main === module) {
  writeFileSync(API_REFERENCE, apiReference());
  console.log(`wrote ${API_REFERENCE}`);
}
