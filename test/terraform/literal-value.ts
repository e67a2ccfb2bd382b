// Reading a stack string the way Terraform's template scanner does, for strings that must hold no expression.
import { splitTemplate } from "../../lib/hcl/strings";

/** What Terraform makes of a template that must evaluate nothing: its text with `$${` / `%%{` unescaped. */
export function literalValue(template: string): string {
  const parts = splitTemplate(template);
  const sequence = parts.find((p) => p.kind !== "literal");
  if (sequence) throw new Error(`Terraform would evaluate ${sequence.text} in ${JSON.stringify(template)}`);
  return parts.map((p) => p.text.replace(/([$%])\1\{/g, "$1{")).join("");
}
