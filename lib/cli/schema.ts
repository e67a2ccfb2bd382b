// irsa schema: the JSON Schema of irsa.yaml, generated from the zod schema the loader validates with.
import { z } from "zod";
import { configSchema } from "../config/schema";
import { EXIT, type CliIo } from "./io";

export function configJsonSchema(): Record<string, unknown> {
  // io "input": what a person writes (before defaults). Refinements (cross-field checks) have no JSON Schema
  // form; editors check the structure and `irsa validate` the rest.
  const generated = z.toJSONSchema(configSchema, { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return { $schema, title: "irsa.yaml", description: "IAM roles for EKS ServiceAccounts (IRSA and EKS Pod Identity), one Terraform stack per environment.", ...rest };
}

export function schemaCommand(io: CliIo): number {
  io.out(JSON.stringify(configJsonSchema(), null, 2));
  return EXIT.ok;
}
