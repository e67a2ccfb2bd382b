#!/usr/bin/env node
// Runs bench/bare.ts exactly the way bin/irsa.js runs the CLI (ts-node, transpile-only, same tsconfig),
// so the startup cost of both programs is comparable.
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("./bare.ts");
