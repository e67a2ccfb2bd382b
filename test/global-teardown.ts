import { removeRunTempDir } from "./temp-dir";

export default removeRunTempDir;
