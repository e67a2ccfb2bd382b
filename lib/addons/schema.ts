// The `addons:` block of irsa.yaml, from the catalog (kept apart from index.ts so the spec can import it alone).
import { addonsBlockSchema } from "./index";

export const addonsSchema = addonsBlockSchema();
