import fc from "fast-check";
import { escapeTemplate } from "../../lib/terraform/template";
import { literalValue } from "./literal-value";

describe("escapeTemplate", () => {
  it("escapes interpolations and directives", () => {
    expect(escapeTemplate('${file("/etc/hostname")}')).toBe('$${file("/etc/hostname")}');
    expect(escapeTemplate("100%{")).toBe("100%%{");
    expect(escapeTemplate("arn:aws:s3:::b/${aws:PrincipalTag/kubernetes-namespace}/*")).toBe("arn:aws:s3:::b/$${aws:PrincipalTag/kubernetes-namespace}/*");
    expect(escapeTemplate("$${already}")).toBe("$$${already}");
    expect(escapeTemplate("50% off, $5, {braces}")).toBe("50% off, $5, {braces}");
  });

  it("gives a template that Terraform reads back as exactly the text, for any text", () => {
    const text = fc.string({ unit: fc.constantFrom("$", "%", "{", "}", "a", '"', "\\", "~") , maxLength: 24 });
    fc.assert(fc.property(text, (s) => literalValue(escapeTemplate(s)) === s), { numRuns: 2000 });
  });
});
