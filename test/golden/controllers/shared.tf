terraform {
  backend "local" {
    path = "terraform.shared.tfstate"
  }

  required_providers {
    aws = {
      source  = "aws"
      version = "6.25.0"
    }
    kubernetes = {
      source  = "kubernetes"
      version = "2.38.0"
    }
  }
}

provider "aws" {
  allowed_account_ids = ["111122223333"]
  region              = "us-east-1"
}

provider "kubernetes" {
  alias = "shared-1"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.shared-1.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.shared-1.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "shared-1", "--region", "us-east-1"]
    command     = "aws"
  }
}

data "aws_eks_cluster" "shared-1" {
  name = "shared-1"
}

resource "aws_iam_openid_connect_provider" "shared-1" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "shared-1"
  }
  url = "https://oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
}

resource "aws_iam_role" "cert-manager__cert-manager" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:cert-manager:cert-manager"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "cert-manager: ServiceAccount cert-manager/cert-manager in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-cert-manager-cert-manager"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "external-secrets__external-secrets" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:external-secrets:external-secrets"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "External Secrets Operator: ServiceAccount external-secrets/external-secrets in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-external-secrets-external-secrets"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "kube-system__aws-load-balancer-controller" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:aws-load-balancer-controller"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "AWS Load Balancer Controller: ServiceAccount kube-system/aws-load-balancer-controller in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-kube-system-aws-load-balancer-controller"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "kube-system__ebs-csi-controller-sa" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Amazon EBS CSI driver: ServiceAccount kube-system/ebs-csi-controller-sa in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-kube-system-ebs-csi-controller-sa"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "kube-system__efs-csi-controller-sa" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:efs-csi-controller-sa"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Amazon EFS CSI driver: ServiceAccount kube-system/efs-csi-controller-sa in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-kube-system-efs-csi-controller-sa"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "kube-system__external-dns" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:external-dns"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ExternalDNS: ServiceAccount kube-system/external-dns in environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-kube-system-external-dns"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "shared-1__kube-system__cluster-autoscaler" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:cluster-autoscaler"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Cluster Autoscaler: ServiceAccount kube-system/cluster-autoscaler in cluster shared-1 of environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-1-kube-system-cluster-autoscaler"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role" "shared-1__kube-system__karpenter" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:sub" = "system:serviceaccount:kube-system:karpenter"
            "oidc.eks.us-east-1.amazonaws.com/id/5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F5F:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Karpenter: ServiceAccount kube-system/karpenter in cluster shared-1 of environment shared (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "shared-1-kube-system-karpenter"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.shared-1]
}

resource "aws_iam_role_policy" "cert-manager__cert-manager__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "GetChange"
        Effect   = "Allow"
        Action   = "route53:GetChange"
        Resource = "arn:aws:route53:::change/*"
      },
      {
        Sid      = "ChangeTxtRecordsInListedZones"
        Effect   = "Allow"
        Action   = ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets"]
        Resource = ["arn:aws:route53:::hostedzone/Z0EXAMPLEACME"]
        Condition = {
          "ForAllValues:StringEquals" = {
            "route53:ChangeResourceRecordSetsRecordTypes" = ["TXT"]
          }
        }
      },
      {
        Sid      = "ListHostedZonesByName"
        Effect   = "Allow"
        Action   = "route53:ListHostedZonesByName"
        Resource = "*"
      },
    ]
  })
  role = aws_iam_role.cert-manager__cert-manager.name
}

resource "aws_iam_role_policy" "external-secrets__external-secrets__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ListSecrets"
        Effect   = "Allow"
        Action   = ["secretsmanager:ListSecrets", "secretsmanager:BatchGetSecretValue"]
        Resource = "*"
      },
      {
        Sid    = "ReadListedSecrets"
        Effect = "Allow"
        Action = [
          "secretsmanager:GetResourcePolicy",
          "secretsmanager:GetSecretValue",
          "secretsmanager:DescribeSecret",
          "secretsmanager:ListSecretVersionIds",
        ]
        Resource = ["arn:aws:secretsmanager:us-east-1:111122223333:secret:shared/*"]
      },
    ]
  })
  role = aws_iam_role.external-secrets__external-secrets.name
}

resource "aws_iam_role_policy" "kube-system__aws-load-balancer-controller__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["iam:CreateServiceLinkedRole"]
        Resource = "*"
        Condition = {
          StringEquals = {
            "iam:AWSServiceName" = "elasticloadbalancing.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "ec2:DescribeAccountAttributes",
          "ec2:DescribeAddresses",
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeInternetGateways",
          "ec2:DescribeVpcs",
          "ec2:DescribeVpcPeeringConnections",
          "ec2:DescribeSubnets",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeInstances",
          "ec2:DescribeNetworkInterfaces",
          "ec2:DescribeTags",
          "ec2:GetCoipPoolUsage",
          "ec2:DescribeCoipPools",
          "ec2:GetSecurityGroupsForVpc",
          "ec2:DescribeIpamPools",
          "ec2:DescribeRouteTables",
          "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeLoadBalancerAttributes",
          "elasticloadbalancing:DescribeListeners",
          "elasticloadbalancing:DescribeListenerCertificates",
          "elasticloadbalancing:DescribeSSLPolicies",
          "elasticloadbalancing:DescribeRules",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTargetGroupAttributes",
          "elasticloadbalancing:DescribeTargetHealth",
          "elasticloadbalancing:DescribeTags",
          "elasticloadbalancing:DescribeTrustStores",
          "elasticloadbalancing:DescribeListenerAttributes",
          "elasticloadbalancing:DescribeCapacityReservation",
        ]
        Resource = "*"
      },
      {
        Effect = "Allow"
        Action = [
          "cognito-idp:DescribeUserPoolClient",
          "acm:ListCertificates",
          "acm:DescribeCertificate",
          "iam:ListServerCertificates",
          "iam:GetServerCertificate",
          "waf-regional:GetWebACL",
          "waf-regional:GetWebACLForResource",
          "waf-regional:AssociateWebACL",
          "waf-regional:DisassociateWebACL",
          "wafv2:GetWebACL",
          "wafv2:GetWebACLForResource",
          "wafv2:AssociateWebACL",
          "wafv2:DisassociateWebACL",
          "shield:GetSubscriptionState",
          "shield:DescribeProtection",
          "shield:CreateProtection",
          "shield:DeleteProtection",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:CreateSecurityGroup"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:CreateTags"]
        Resource = "arn:aws:ec2:*:*:security-group/*"
        Condition = {
          StringEquals = {
            "ec2:CreateAction" = "CreateSecurityGroup"
          }
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["ec2:CreateTags", "ec2:DeleteTags"]
        Resource = "arn:aws:ec2:*:*:security-group/*"
        Condition = {
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster"  = "true"
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupIngress",
          "ec2:DeleteSecurityGroup",
        ]
        Resource = "*"
        Condition = {
          Null = {
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:CreateLoadBalancer",
          "elasticloadbalancing:CreateTargetGroup",
        ]
        Resource = "*"
        Condition = {
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:CreateListener",
          "elasticloadbalancing:DeleteListener",
          "elasticloadbalancing:CreateRule",
          "elasticloadbalancing:DeleteRule",
        ]
        Resource = "*"
      },
      {
        Effect = "Allow"
        Action = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
        ]
        Condition = {
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster"  = "true"
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:listener/net/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener/app/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
          "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
        ]
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:ModifyLoadBalancerAttributes",
          "elasticloadbalancing:SetIpAddressType",
          "elasticloadbalancing:SetSecurityGroups",
          "elasticloadbalancing:SetSubnets",
          "elasticloadbalancing:DeleteLoadBalancer",
          "elasticloadbalancing:ModifyTargetGroup",
          "elasticloadbalancing:ModifyTargetGroupAttributes",
          "elasticloadbalancing:DeleteTargetGroup",
          "elasticloadbalancing:ModifyListenerAttributes",
          "elasticloadbalancing:ModifyCapacityReservation",
          "elasticloadbalancing:ModifyIpPools",
        ]
        Resource = "*"
        Condition = {
          Null = {
            "aws:ResourceTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = ["elasticloadbalancing:AddTags"]
        Resource = [
          "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*",
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*",
        ]
        Condition = {
          StringEquals = {
            "elasticloadbalancing:CreateAction" = ["CreateTargetGroup", "CreateLoadBalancer"]
          }
          Null = {
            "aws:RequestTag/elbv2.k8s.aws/cluster" = "false"
          }
        }
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:RegisterTargets",
          "elasticloadbalancing:DeregisterTargets",
        ]
        Resource = "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*"
      },
      {
        Effect = "Allow"
        Action = [
          "elasticloadbalancing:SetWebAcl",
          "elasticloadbalancing:ModifyListener",
          "elasticloadbalancing:AddListenerCertificates",
          "elasticloadbalancing:RemoveListenerCertificates",
          "elasticloadbalancing:ModifyRule",
          "elasticloadbalancing:SetRulePriorities",
        ]
        Resource = "*"
      },
    ]
  })
  role = aws_iam_role.kube-system__aws-load-balancer-controller.name
}

resource "aws_iam_role_policy" "kube-system__ebs-csi-controller-sa__kms" {
  name = "kms"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "CreateGrantsForEbs"
        Effect   = "Allow"
        Action   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
        Resource = ["arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"]
        Condition = {
          Bool = {
            "kms:GrantIsForAWSResource" = "true"
          }
        }
      },
      {
        Sid    = "UseKeysForEbs"
        Effect = "Allow"
        Action = [
          "kms:Encrypt",
          "kms:Decrypt",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:DescribeKey",
        ]
        Resource = ["arn:aws:kms:us-east-1:111122223333:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"]
      },
    ]
  })
  role = aws_iam_role.kube-system__ebs-csi-controller-sa.name
}

resource "aws_iam_role_policy" "kube-system__ebs-csi-controller-sa__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ReadOnlyDescribeOperations"
        Effect = "Allow"
        Action = [
          "ec2:DescribeAvailabilityZones",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeSnapshots",
          "ec2:DescribeVolumes",
          "ec2:DescribeVolumesModifications",
          "ec2:DescribeVolumeStatus",
        ]
        Resource = "*"
      },
      {
        Sid      = "CreateAndCopyVolumesWithManagedTag"
        Effect   = "Allow"
        Action   = ["ec2:CreateVolume", "ec2:CopyVolumes"]
        Resource = "arn:aws:ec2:*:*:volume/*"
        Condition = {
          StringEquals = {
            "aws:RequestTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "CopyManagedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:CopyVolumes"]
        Resource = "arn:aws:ec2:*:*:volume/vol-*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "CopyCSIMigratedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:CopyVolumes"]
        Resource = "arn:aws:ec2:*:*:volume/vol-*"
        Condition = {
          StringLike = {
            "ec2:ResourceTag/kubernetes.io/created-for/pvc/name" = "*"
          }
        }
      },
      {
        Sid      = "CreateSnapshotsWithManagedTag"
        Effect   = "Allow"
        Action   = ["ec2:CreateSnapshot"]
        Resource = "arn:aws:ec2:*:*:snapshot/*"
        Condition = {
          StringEquals = {
            "aws:RequestTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "CreateSnapshotsFromManagedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:CreateSnapshot"]
        Resource = "arn:aws:ec2:*:*:volume/*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "ManageManagedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"]
        Resource = "arn:aws:ec2:*:*:volume/*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "ManageCSIMigratedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:ModifyVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:DeleteVolume"]
        Resource = "arn:aws:ec2:*:*:volume/*"
        Condition = {
          StringLike = {
            "ec2:ResourceTag/kubernetes.io/created-for/pvc/name" = "*"
          }
        }
      },
      {
        Sid      = "CreateVolumesFromAndEnableFSROnManagedSnapshots"
        Effect   = "Allow"
        Action   = ["ec2:CreateVolume", "ec2:EnableFastSnapshotRestores"]
        Resource = "arn:aws:ec2:*:*:snapshot/*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "AttachDetachVolumesToAnyInstance"
        Effect   = "Allow"
        Action   = ["ec2:AttachVolume", "ec2:DetachVolume"]
        Resource = "arn:aws:ec2:*:*:instance/*"
      },
      {
        Sid      = "DeleteAndLockManagedSnapshots"
        Effect   = "Allow"
        Action   = ["ec2:DeleteSnapshot", "ec2:LockSnapshot"]
        Resource = "arn:aws:ec2:*:*:snapshot/*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Sid      = "TagResourcesOnCreation"
        Effect   = "Allow"
        Action   = ["ec2:CreateTags"]
        Resource = ["arn:aws:ec2:*:*:volume/*", "arn:aws:ec2:*:*:snapshot/*"]
        Condition = {
          StringEquals = {
            "ec2:CreateAction" = ["CreateVolume", "CreateSnapshot", "CopyVolumes"]
          }
        }
      },
      {
        Sid      = "ModifyTagsOnManagedVolumes"
        Effect   = "Allow"
        Action   = ["ec2:CreateTags", "ec2:DeleteTags"]
        Resource = "arn:aws:ec2:*:*:volume/*"
        Condition = {
          StringEquals = {
            "ec2:ResourceTag/ebs.csi.aws.com/cluster" = "true"
          }
          Null = {
            "aws:TagKeys" = "false"
          }
          "ForAllValues:StringNotEquals" = {
            "aws:TagKeys" = [
              "ebs.csi.aws.com/cluster",
              "ebs.csi.aws.com/cluster-name",
              "kubernetes.io/created-for/pvc/name",
            ]
          }
        }
      },
    ]
  })
  role = aws_iam_role.kube-system__ebs-csi-controller-sa.name
}

resource "aws_iam_role_policy" "kube-system__efs-csi-controller-sa__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "elasticfilesystem:DescribeAccessPoints",
          "elasticfilesystem:DescribeFileSystems",
          "elasticfilesystem:DescribeMountTargets",
          "s3files:ListAccessPoints",
          "s3files:ListFileSystems",
          "ec2:DescribeAvailabilityZones",
        ]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["elasticfilesystem:CreateAccessPoint", "s3files:CreateAccessPoint"]
        Resource = "*"
        Condition = {
          StringLike = {
            "aws:RequestTag/efs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["elasticfilesystem:TagResource", "s3files:TagResource"]
        Resource = "*"
        Condition = {
          StringLike = {
            "aws:ResourceTag/efs.csi.aws.com/cluster" = "true"
          }
        }
      },
      {
        Effect   = "Allow"
        Action   = ["elasticfilesystem:DeleteAccessPoint", "s3files:DeleteAccessPoint"]
        Resource = "*"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/efs.csi.aws.com/cluster" = "true"
          }
        }
      },
    ]
  })
  role = aws_iam_role.kube-system__efs-csi-controller-sa.name
}

resource "aws_iam_role_policy" "kube-system__external-dns__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "ChangeRecordsInListedZones"
        Effect = "Allow"
        Action = [
          "route53:ChangeResourceRecordSets",
          "route53:ListResourceRecordSets",
          "route53:ListTagsForResources",
        ]
        Resource = ["arn:aws:route53:::hostedzone/Z0EXAMPLEPUBLIC"]
      },
      {
        Sid      = "ListHostedZones"
        Effect   = "Allow"
        Action   = ["route53:ListHostedZones"]
        Resource = "*"
      },
    ]
  })
  role = aws_iam_role.kube-system__external-dns.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__cluster-autoscaler__main" {
  name = "main"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "DescribeScalingResources"
        Effect = "Allow"
        Action = [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeScalingActivities",
          "ec2:DescribeImages",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplateVersions",
          "ec2:GetInstanceTypesFromInstanceRequirements",
          "eks:DescribeNodegroup",
        ]
        Resource = "*"
      },
      {
        Sid    = "ScaleOwnedAutoScalingGroups"
        Effect = "Allow"
        Action = [
          "autoscaling:SetDesiredCapacity",
          "autoscaling:TerminateInstanceInAutoScalingGroup",
        ]
        Resource = "arn:aws:autoscaling:us-east-1:111122223333:autoScalingGroup:*:autoScalingGroupName/*"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/k8s.io/cluster-autoscaler/shared-1" = "owned"
          }
        }
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__cluster-autoscaler.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__eks-integration" {
  name = "eks-integration"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowAPIServerEndpointDiscovery"
        Effect   = "Allow"
        Resource = ["arn:aws:eks:us-east-1:111122223333:cluster/shared-1"]
        Action   = "eks:DescribeCluster"
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__iam-integration" {
  name = "iam-integration"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowPassingInstanceRole"
        Effect   = "Allow"
        Resource = ["arn:aws:iam::111122223333:role/KarpenterNodeRole-shared-1"]
        Action   = "iam:PassRole"
        Condition = {
          StringEquals = {
            "iam:PassedToService" = ["ec2.amazonaws.com", "ec2.amazonaws.com.cn"]
          }
        }
      },
      {
        Sid      = "AllowScopedInstanceProfileCreationActions"
        Effect   = "Allow"
        Resource = "arn:aws:iam::111122223333:instance-profile/*"
        Action   = ["iam:CreateInstanceProfile"]
        Condition = {
          StringEquals = {
            "aws:RequestTag/kubernetes.io/cluster/shared-1" = "owned"
            "aws:RequestTag/eks:eks-cluster-name"           = "shared-1"
            "aws:RequestTag/topology.kubernetes.io/region"  = "us-east-1"
          }
          StringLike = {
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass" = "*"
          }
        }
      },
      {
        Sid      = "AllowScopedInstanceProfileTagActions"
        Effect   = "Allow"
        Resource = "arn:aws:iam::111122223333:instance-profile/*"
        Action   = ["iam:TagInstanceProfile"]
        Condition = {
          StringEquals = {
            "aws:ResourceTag/kubernetes.io/cluster/shared-1" = "owned"
            "aws:ResourceTag/topology.kubernetes.io/region"  = "us-east-1"
            "aws:RequestTag/kubernetes.io/cluster/shared-1"  = "owned"
            "aws:RequestTag/eks:eks-cluster-name"            = "shared-1"
            "aws:RequestTag/topology.kubernetes.io/region"   = "us-east-1"
          }
          StringLike = {
            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass" = "*"
            "aws:RequestTag/karpenter.k8s.aws/ec2nodeclass"  = "*"
          }
        }
      },
      {
        Sid      = "AllowScopedInstanceProfileActions"
        Effect   = "Allow"
        Resource = "arn:aws:iam::111122223333:instance-profile/*"
        Action = [
          "iam:AddRoleToInstanceProfile",
          "iam:RemoveRoleFromInstanceProfile",
          "iam:DeleteInstanceProfile",
        ]
        Condition = {
          StringEquals = {
            "aws:ResourceTag/kubernetes.io/cluster/shared-1" = "owned"
            "aws:ResourceTag/topology.kubernetes.io/region"  = "us-east-1"
          }
          StringLike = {
            "aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass" = "*"
          }
        }
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__interruption" {
  name = "interruption"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowInterruptionQueueActions"
        Effect   = "Allow"
        Resource = "arn:aws:sqs:us-east-1:111122223333:Karpenter-shared-1"
        Action   = ["sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"]
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__node-lifecycle" {
  name = "node-lifecycle"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "AllowScopedEC2InstanceAccessActions"
        Effect = "Allow"
        Resource = [
          "arn:aws:ec2:us-east-1::image/*",
          "arn:aws:ec2:us-east-1::snapshot/*",
          "arn:aws:ec2:us-east-1:*:security-group/*",
          "arn:aws:ec2:us-east-1:*:subnet/*",
          "arn:aws:ec2:us-east-1:*:capacity-reservation/*",
          "arn:aws:ec2:us-east-1:*:placement-group/*",
        ]
        Action = ["ec2:RunInstances", "ec2:CreateFleet"]
      },
      {
        Sid      = "AllowScopedEC2LaunchTemplateAccessActions"
        Effect   = "Allow"
        Resource = "arn:aws:ec2:us-east-1:*:launch-template/*"
        Action   = ["ec2:RunInstances", "ec2:CreateFleet"]
        Condition = {
          StringEquals = {
            "aws:ResourceTag/kubernetes.io/cluster/shared-1" = "owned"
          }
          StringLike = {
            "aws:ResourceTag/karpenter.sh/nodepool" = "*"
          }
        }
      },
      {
        Sid    = "AllowScopedEC2InstanceActionsWithTags"
        Effect = "Allow"
        Resource = [
          "arn:aws:ec2:us-east-1:*:fleet/*",
          "arn:aws:ec2:us-east-1:*:instance/*",
          "arn:aws:ec2:us-east-1:*:volume/*",
          "arn:aws:ec2:us-east-1:*:network-interface/*",
          "arn:aws:ec2:us-east-1:*:launch-template/*",
          "arn:aws:ec2:us-east-1:*:spot-instances-request/*",
        ]
        Action = ["ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"]
        Condition = {
          StringEquals = {
            "aws:RequestTag/kubernetes.io/cluster/shared-1" = "owned"
            "aws:RequestTag/eks:eks-cluster-name"           = "shared-1"
          }
          StringLike = {
            "aws:RequestTag/karpenter.sh/nodepool" = "*"
          }
        }
      },
      {
        Sid    = "AllowScopedResourceCreationTagging"
        Effect = "Allow"
        Resource = [
          "arn:aws:ec2:us-east-1:*:fleet/*",
          "arn:aws:ec2:us-east-1:*:instance/*",
          "arn:aws:ec2:us-east-1:*:volume/*",
          "arn:aws:ec2:us-east-1:*:network-interface/*",
          "arn:aws:ec2:us-east-1:*:launch-template/*",
          "arn:aws:ec2:us-east-1:*:spot-instances-request/*",
        ]
        Action = "ec2:CreateTags"
        Condition = {
          StringEquals = {
            "aws:RequestTag/kubernetes.io/cluster/shared-1" = "owned"
            "aws:RequestTag/eks:eks-cluster-name"           = "shared-1"
            "ec2:CreateAction"                              = ["RunInstances", "CreateFleet", "CreateLaunchTemplate"]
          }
          StringLike = {
            "aws:RequestTag/karpenter.sh/nodepool" = "*"
          }
        }
      },
      {
        Sid      = "AllowScopedResourceTagging"
        Effect   = "Allow"
        Resource = "arn:aws:ec2:us-east-1:*:instance/*"
        Action   = "ec2:CreateTags"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/kubernetes.io/cluster/shared-1" = "owned"
          }
          StringLike = {
            "aws:ResourceTag/karpenter.sh/nodepool" = "*"
          }
          StringEqualsIfExists = {
            "aws:RequestTag/eks:eks-cluster-name" = "shared-1"
          }
          "ForAllValues:StringEquals" = {
            "aws:TagKeys" = ["eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name"]
          }
        }
      },
      {
        Sid    = "AllowScopedDeletion"
        Effect = "Allow"
        Resource = [
          "arn:aws:ec2:us-east-1:*:instance/*",
          "arn:aws:ec2:us-east-1:*:launch-template/*",
        ]
        Action = ["ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"]
        Condition = {
          StringEquals = {
            "aws:ResourceTag/kubernetes.io/cluster/shared-1" = "owned"
          }
          StringLike = {
            "aws:ResourceTag/karpenter.sh/nodepool" = "*"
          }
        }
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__resource-discovery" {
  name = "resource-discovery"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowRegionalReadActions"
        Effect   = "Allow"
        Resource = "*"
        Action = [
          "ec2:DescribeCapacityReservations",
          "ec2:DescribeImages",
          "ec2:DescribeInstances",
          "ec2:DescribeInstanceStatus",
          "ec2:DescribeInstanceTypeOfferings",
          "ec2:DescribeInstanceTypes",
          "ec2:DescribeLaunchTemplates",
          "ec2:DescribePlacementGroups",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeSpotPriceHistory",
          "ec2:DescribeSubnets",
        ]
        Condition = {
          StringEquals = {
            "aws:RequestedRegion" = "us-east-1"
          }
        }
      },
      {
        Sid      = "AllowSSMReadActions"
        Effect   = "Allow"
        Resource = "arn:aws:ssm:us-east-1::parameter/aws/service/*"
        Action   = "ssm:GetParameter"
      },
      {
        Sid      = "AllowPricingReadActions"
        Effect   = "Allow"
        Resource = "*"
        Action   = "pricing:GetProducts"
      },
      {
        Sid      = "AllowUnscopedInstanceProfileListAction"
        Effect   = "Allow"
        Resource = "*"
        Action   = "iam:ListInstanceProfiles"
      },
      {
        Sid      = "AllowInstanceProfileReadActions"
        Effect   = "Allow"
        Resource = "arn:aws:iam::111122223333:instance-profile/*"
        Action   = "iam:GetInstanceProfile"
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "aws_iam_role_policy" "shared-1__kube-system__karpenter__zonal-shift" {
  name = "zonal-shift"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AllowZonalShiftStatusReadOnly"
        Effect   = "Allow"
        Resource = "*"
        Action   = ["arc-zonal-shift:GetManagedResource"]
        Condition = {
          StringEquals = {
            "arc-zonal-shift:ResourceIdentifier" = ["arn:aws:eks:us-east-1:111122223333:cluster/shared-1"]
          }
        }
      },
    ]
  })
  role = aws_iam_role.shared-1__kube-system__karpenter.name
}

resource "kubernetes_service_account_v1" "shared-1__cert-manager__cert-manager" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-cert-manager-cert-manager"
    }
    name      = "cert-manager"
    namespace = "cert-manager"
  }

  depends_on = [aws_iam_role.cert-manager__cert-manager]
}

resource "kubernetes_service_account_v1" "shared-1__external-secrets__external-secrets" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-external-secrets-external-secrets"
    }
    name      = "external-secrets"
    namespace = "external-secrets"
  }

  depends_on = [aws_iam_role.external-secrets__external-secrets]
}

resource "kubernetes_service_account_v1" "shared-1__kube-system__aws-load-balancer-controller" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-kube-system-aws-load-balancer-controller"
    }
    name      = "aws-load-balancer-controller"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.kube-system__aws-load-balancer-controller]
}

resource "kubernetes_service_account_v1" "shared-1__kube-system__cluster-autoscaler" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-1-kube-system-cluster-autoscaler"
    }
    name      = "cluster-autoscaler"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.shared-1__kube-system__cluster-autoscaler]
}

resource "kubernetes_service_account_v1" "shared-1__kube-system__external-dns" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-kube-system-external-dns"
    }
    name      = "external-dns"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.kube-system__external-dns]
}

resource "kubernetes_service_account_v1" "shared-1__kube-system__karpenter" {
  provider = kubernetes.shared-1

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/shared-1-kube-system-karpenter"
    }
    name      = "karpenter"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.shared-1__kube-system__karpenter]
}

output "addons" {
  description = "Controller roles: the ARN for aws_eks_addon.service_account_role_arn, or Helm values for the chart"
  value = {
    awsLoadBalancerController = {
      helm_chart      = "aws-load-balancer-controller"
      helm_repository = "https://aws.github.io/eks-charts"
      helm_values     = "serviceAccount:\n  create: false\n  name: aws-load-balancer-controller\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__aws-load-balancer-controller.arn
      service_account = "kube-system/aws-load-balancer-controller"
    }
    certManager = {
      helm_chart      = "cert-manager"
      helm_repository = "https://charts.jetstack.io"
      helm_values     = "serviceAccount:\n  create: false\n  name: cert-manager\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.cert-manager__cert-manager.arn
      service_account = "cert-manager/cert-manager"
    }
    "clusterAutoscaler@shared-1" = {
      helm_chart      = "cluster-autoscaler"
      helm_repository = "https://kubernetes.github.io/autoscaler"
      helm_values     = "rbac:\n  serviceAccount:\n    create: false\n    name: cluster-autoscaler\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.shared-1__kube-system__cluster-autoscaler.arn
      service_account = "kube-system/cluster-autoscaler"
    }
    ebsCsiDriver = {
      eks_addon_name  = "aws-ebs-csi-driver"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__ebs-csi-controller-sa.arn
      service_account = "kube-system/ebs-csi-controller-sa"
    }
    efsCsiDriver = {
      eks_addon_name  = "aws-efs-csi-driver"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__efs-csi-controller-sa.arn
      service_account = "kube-system/efs-csi-controller-sa"
    }
    externalDns = {
      helm_chart      = "external-dns"
      helm_repository = "https://kubernetes-sigs.github.io/external-dns/"
      helm_values     = "serviceAccount:\n  create: false\n  name: external-dns\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__external-dns.arn
      service_account = "kube-system/external-dns"
    }
    externalSecrets = {
      helm_chart      = "external-secrets"
      helm_repository = "https://charts.external-secrets.io"
      helm_values     = "serviceAccount:\n  create: false\n  name: external-secrets\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.external-secrets__external-secrets.arn
      service_account = "external-secrets/external-secrets"
    }
    "karpenter@shared-1" = {
      helm_chart      = "karpenter"
      helm_repository = "oci://public.ecr.aws/karpenter"
      helm_values     = "serviceAccount:\n  create: false\n  name: karpenter\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.shared-1__kube-system__karpenter.arn
      service_account = "kube-system/karpenter"
    }
  }
}

output "roles" {
  description = "IAM role of every workload, keyed <namespace>/<name>"
  value = {
    "cert-manager/cert-manager" = {
      arn  = aws_iam_role.cert-manager__cert-manager.arn
      name = aws_iam_role.cert-manager__cert-manager.name
    }
    "external-secrets/external-secrets" = {
      arn  = aws_iam_role.external-secrets__external-secrets.arn
      name = aws_iam_role.external-secrets__external-secrets.name
    }
    "kube-system/aws-load-balancer-controller" = {
      arn  = aws_iam_role.kube-system__aws-load-balancer-controller.arn
      name = aws_iam_role.kube-system__aws-load-balancer-controller.name
    }
    "kube-system/cluster-autoscaler@shared-1" = {
      arn  = aws_iam_role.shared-1__kube-system__cluster-autoscaler.arn
      name = aws_iam_role.shared-1__kube-system__cluster-autoscaler.name
    }
    "kube-system/ebs-csi-controller-sa" = {
      arn  = aws_iam_role.kube-system__ebs-csi-controller-sa.arn
      name = aws_iam_role.kube-system__ebs-csi-controller-sa.name
    }
    "kube-system/efs-csi-controller-sa" = {
      arn  = aws_iam_role.kube-system__efs-csi-controller-sa.arn
      name = aws_iam_role.kube-system__efs-csi-controller-sa.name
    }
    "kube-system/external-dns" = {
      arn  = aws_iam_role.kube-system__external-dns.arn
      name = aws_iam_role.kube-system__external-dns.name
    }
    "kube-system/karpenter@shared-1" = {
      arn  = aws_iam_role.shared-1__kube-system__karpenter.arn
      name = aws_iam_role.shared-1__kube-system__karpenter.name
    }
  }
}
