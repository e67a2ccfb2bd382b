import { createRunTempDir } from "./temp-dir";

export default createRunTempDir;
