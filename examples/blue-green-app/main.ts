// cdktf app entry of the example (cdktf synth / deploy): one stack with the blue/green clusters and their roles.
import { App } from "cdktf";
import { BlueGreenStack } from "./stack";

const app = new App();
new BlueGreenStack(app, "blue-green", {
  accountId: "111122223333",
  region: "us-west-2",
  clusterRoleArn: "arn:aws:iam::111122223333:role/eks-cluster",
  subnetIds: ["subnet-0123456789abcdef0", "subnet-0fedcba9876543210"],
  hostedZoneArn: "arn:aws:route53:::hostedzone/Z0123456789ABC",
});
app.synth();
