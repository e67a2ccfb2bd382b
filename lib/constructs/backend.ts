// The stack's state backend: local (default), Terraform Cloud / HCP Terraform, or S3.
import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformBackend } from "cdktf";
import type { Construct } from "constructs";
import type { BackendPlan } from "../model/types";

export function addBackend(stack: Construct, backend: BackendPlan): TerraformBackend {
  switch (backend.kind) {
    case "local":
      return new LocalBackend(stack, { path: backend.path });
    case "cloud":
      return new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(backend.workspace, backend.project),
      });
    case "s3": {
      const s3 = new S3Backend(stack, {
        bucket: backend.bucket,
        key: backend.key,
        region: backend.region,
        encrypt: backend.encrypt,
        dynamodbTable: backend.dynamodbTable,
      });
      // cdktf 0.21 predates S3 native locking (Terraform >= 1.10): set it as a raw override.
      if (backend.useLockfile) s3.addOverride("use_lockfile", true);
      return s3;
    }
  }
}
