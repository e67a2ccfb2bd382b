// Terraform reads every string of a stack as a template, in JSON and in HCL alike, map keys included:
// `${...}` interpolates and `%{...}` is a directive. Text that must reach the provider as written (a tag, a
// path, a policy holding the IAM variable `${aws:PrincipalTag/...}`) is escaped: `$${` and `%%{` stand for a
// literal `${` and `%{`. Not escaped: the `terraform {}` block (backends included), whose JSON strings
// Terraform takes literally. No cdktf import here: the constructs and the HCL renderer both use this.

/** `text` as a Terraform template that evaluates to exactly `text`: `${` -> `$${`, `%{` -> `%%{`. */
export function escapeTemplate(text: string): string {
  return text.replace(/([$%])\{/g, "$1$1{");
}

/**
 * cdktf marks its references inside strings as `${TfToken[...]}` (lists `#{`, maps `&{`) and resolves them at
 * synthesis, whatever the string's origin. Text holding such a marker cannot pass through cdktf as text.
 */
export const CDKTF_TOKEN_MARKER = /[$#&]\{TfToken\[/;
