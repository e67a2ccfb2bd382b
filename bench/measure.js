#!/usr/bin/env node
// Fallback peak-RSS probe when /usr/bin/time is missing: runs a node CLI script in this process and,
// when the process exits, writes {maxRssKb, wallMs, exitCode} as JSON to the file named first.
//   node bench/measure.js STATS.json SCRIPT [ARGS...]
// maxRssKb comes from process.resourceUsage().maxRSS (kilobytes, the kernel's ru_maxrss);
// wallMs counts from process start (performance.timeOrigin), so node's own startup is included.
const { writeFileSync } = require("node:fs");
const { resolve } = require("node:path");
const { performance } = require("node:perf_hooks");
const [statsFile, script, ...args] = process.argv.slice(2);
if (!statsFile || !script) {
  console.error("usage: node bench/measure.js STATS.json SCRIPT [ARGS...]");
  process.exit(2);
}
process.on("exit", (code) => {
  writeFileSync(statsFile, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, wallMs: performance.now(), exitCode: code }));
});
process.argv = [process.argv[0], resolve(script), ...args];
require(resolve(script));
