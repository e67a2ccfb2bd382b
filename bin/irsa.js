#!/usr/bin/env node
// Runs the TypeScript CLI without a build step (the same way cdktf runs main.ts).
require("ts-node").register({ transpileOnly: true, project: require("path").join(__dirname, "..", "tsconfig.json") });
require("./irsa.ts");
