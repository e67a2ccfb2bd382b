// PLACEHOLDER until the catalog registry lands: replaced by the per-addon strict schemas.
import { z } from "zod";

export const addonsSchema = z.record(z.string(), z.record(z.string(), z.unknown()));
