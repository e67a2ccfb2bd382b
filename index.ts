// The package's main entry: the constructs a cdktf app imports, with their props types.
export * from "./lib/constructs";
