terraform {
  cloud {
    organization = "acme"

    workspaces {
      name    = "irsa-staging"
      project = "eks-iam"
    }
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
  region              = "us-west-2"
}

provider "kubernetes" {
  alias = "staging"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.staging.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.staging.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "staging", "--region", "us-west-2"]
    command     = "aws"
  }
}

data "aws_eks_cluster" "staging" {
  name = "staging"
}

resource "aws_iam_openid_connect_provider" "staging" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "staging"
  }
  url = "https://oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
}

resource "aws_iam_role" "billing__billing-worker" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:billing:billing-worker"
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount billing/billing-worker in environment staging (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "staging-billing-billing-worker"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    managed-by = "cdktf-irsa"
    owner      = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.staging]
}

resource "aws_iam_role" "kube-system__aws-load-balancer-controller" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:kube-system:aws-load-balancer-controller"
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "AWS Load Balancer Controller: ServiceAccount kube-system/aws-load-balancer-controller in environment staging (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "staging-kube-system-aws-load-balancer-controller"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    managed-by = "cdktf-irsa"
    owner      = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.staging]
}

resource "aws_iam_role" "kube-system__external-dns" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:kube-system:external-dns"
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ExternalDNS: ServiceAccount kube-system/external-dns in environment staging (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "staging-kube-system-external-dns"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    managed-by = "cdktf-irsa"
    owner      = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.staging]
}

resource "aws_iam_role" "orders__orders-api" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:sub" = "system:serviceaccount:orders:orders-api"
            "oidc.eks.us-west-2.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount orders/orders-api in environment staging (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "staging-orders-orders-api"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    managed-by = "cdktf-irsa"
    owner      = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.staging]
}

resource "aws_iam_role_policy" "billing__billing-worker__inline" {
  name = "inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage"]
        Resource = ["arn:aws:sqs:us-west-2:111122223333:billing-jobs"]
      },
    ]
  })
  role = aws_iam_role.billing__billing-worker.name
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
        Resource = ["arn:aws:route53:::hostedzone/Z0123456789ABC"]
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

resource "aws_iam_role_policy_attachment" "orders__orders-api__AmazonS3ReadOnlyAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  role       = aws_iam_role.orders__orders-api.name
}

resource "kubernetes_service_account_v1" "staging__billing__billing-worker" {
  provider = kubernetes.staging

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn"               = "arn:aws:iam::111122223333:role/eks/staging-billing-billing-worker"
      "eks.amazonaws.com/sts-regional-endpoints" = "true"
      "eks.amazonaws.com/token-expiration"       = "3600"
    }
    labels = {
      "app.kubernetes.io/part-of" = "billing"
    }
    name      = "billing-worker"
    namespace = "billing"
  }

  depends_on = [aws_iam_role.billing__billing-worker]
}

resource "kubernetes_service_account_v1" "staging__kube-system__aws-load-balancer-controller" {
  provider = kubernetes.staging

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/staging-kube-system-aws-load-balancer-controller"
    }
    name      = "aws-load-balancer-controller"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.kube-system__aws-load-balancer-controller]
}

resource "kubernetes_service_account_v1" "staging__kube-system__external-dns" {
  provider = kubernetes.staging

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/staging-kube-system-external-dns"
    }
    name      = "external-dns"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.kube-system__external-dns]
}

resource "kubernetes_service_account_v1" "staging__orders__orders-api" {
  provider = kubernetes.staging

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/staging-orders-orders-api"
    }
    name      = "orders-api"
    namespace = "orders"
  }

  depends_on = [aws_iam_role.orders__orders-api]
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
    externalDns = {
      helm_chart      = "external-dns"
      helm_repository = "https://kubernetes-sigs.github.io/external-dns/"
      helm_values     = "serviceAccount:\n  create: false\n  name: external-dns\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__external-dns.arn
      service_account = "kube-system/external-dns"
    }
  }
}

output "roles" {
  description = "IAM role of every workload, keyed <namespace>/<name>"
  value = {
    "billing/billing-worker" = {
      arn  = aws_iam_role.billing__billing-worker.arn
      name = aws_iam_role.billing__billing-worker.name
    }
    "kube-system/aws-load-balancer-controller" = {
      arn  = aws_iam_role.kube-system__aws-load-balancer-controller.arn
      name = aws_iam_role.kube-system__aws-load-balancer-controller.name
    }
    "kube-system/external-dns" = {
      arn  = aws_iam_role.kube-system__external-dns.arn
      name = aws_iam_role.kube-system__external-dns.name
    }
    "orders/orders-api" = {
      arn  = aws_iam_role.orders__orders-api.arn
      name = aws_iam_role.orders__orders-api.name
    }
  }
}
