// Judges diagrams with the tools that draw them: `node diagram-check.mjs mermaid|dot < texts` (NUL-separated).
// Mermaid's own parser (what GitHub runs to render a ```mermaid block) and Graphviz compiled to WebAssembly.
// Prints one line per diagram, "ok" or the tool's error, and exits 1 when one failed. A separate process: both
// packages are ES modules.
import { readFileSync } from "node:fs";

const kind = process.argv[2];
const texts = readFileSync(0, "utf8").split("\0");

async function check(text) {
  if (kind === "mermaid") {
    // Mermaid sanitizes HTML labels with DOMPurify, which needs a browser window: not part of parsing.
    const { default: DOMPurify } = await import("dompurify");
    DOMPurify.sanitize = (html) => html;
    DOMPurify.addHook = () => {};
    const { default: mermaid } = await import("mermaid");
    mermaid.initialize({ startOnLoad: false });
    const result = await mermaid.parse(text);
    if (result.diagramType !== "flowchart-v2") throw new Error(`parsed as ${result.diagramType}, not a flowchart`);
  } else if (kind === "dot") {
    const { instance } = await import("@viz-js/viz");
    const result = (await instance()).render(text, { format: "svg" });
    if (result.status !== "success") throw new Error(result.errors.map((e) => e.message).join("; "));
  } else throw new Error(`unknown kind ${kind}`);
}

for (const text of texts) {
  try {
    await check(text);
    process.stdout.write("ok\n");
  } catch (error) {
    process.stdout.write(`${error.message.replace(/\n/g, " ")}\n`);
    process.exitCode = 1;
  }
}
