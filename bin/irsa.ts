#!/usr/bin/env node
import { runCli } from "../lib/cli/run";

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
