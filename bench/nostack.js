#!/usr/bin/env node
// What-if launcher (not the shipped CLI): runs an entry with Error.prepareStackTrace returning "", so that the
// stack trace cdktf captures for every token it creates (cdktf/lib/tokens/private/stack-trace.js, with
// Error.stackTraceLimit = MAX_SAFE_INTEGER) is never formatted. A TypeScript entry is run exactly as
// bin/irsa.js runs the CLI (ts-node, transpile-only, same tsconfig); a JavaScript entry (precompiled, see
// bench/precompile.ts) is required directly.
//   node bench/nostack.js ENTRY.ts|ENTRY.js [ARGS...]
const { resolve, join } = require("node:path");
const [entry, ...args] = process.argv.slice(2);
if (entry.endsWith(".ts")) require("ts-node").register({ transpileOnly: true, project: join(__dirname, "..", "tsconfig.json") });
Error.prepareStackTrace = () => "";
process.argv = [process.argv[0], resolve(entry), ...args];
require(resolve(entry));
