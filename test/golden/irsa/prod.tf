terraform {
  cloud {
    organization = "acme"

    workspaces {
      name    = "irsa-prod"
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
  alias = "prod-blue"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.prod-blue.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.prod-blue.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "prod-blue", "--region", "us-west-2"]
    command     = "aws"
  }
}

provider "kubernetes" {
  alias = "prod-green"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.prod-green.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.prod-green.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "prod-green", "--region", "us-west-2"]
    command     = "aws"
  }
}

data "aws_eks_cluster" "prod-blue" {
  name = "prod-blue"
}

data "aws_eks_cluster" "prod-green" {
  name = "prod-green"
}

data "aws_iam_openid_connect_provider" "prod-blue" {
  url = "https://oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
}

resource "aws_iam_openid_connect_provider" "prod-green" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "prod-green"
  }
  url = "https://oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
}

resource "aws_iam_role" "analytics__reports" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:sub" = "system:serviceaccount:analytics:reports"
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount analytics/reports in environment prod (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "prod-analytics-reports"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    environment = "prod"
    managed-by  = "cdktf-irsa"
    owner       = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.prod-green]
}

resource "aws_iam_role" "kube-system__ebs-csi-controller-sa" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:sub" = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:sub" = "system:serviceaccount:kube-system:ebs-csi-controller-sa"
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Amazon EBS CSI driver: ServiceAccount kube-system/ebs-csi-controller-sa in environment prod (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "prod-kube-system-ebs-csi-controller-sa"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    environment = "prod"
    managed-by  = "cdktf-irsa"
    owner       = "platform"
  }

  depends_on = [
    data.aws_iam_openid_connect_provider.prod-blue,
    aws_iam_openid_connect_provider.prod-green,
  ]
}

resource "aws_iam_role" "orders__orders-api" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:sub" = "system:serviceaccount:orders:orders-api"
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:sub" = "system:serviceaccount:orders:orders-api"
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount orders/orders-api in environment prod (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "prod-orders-orders-api"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    environment = "prod"
    managed-by  = "cdktf-irsa"
    owner       = "platform"
  }

  depends_on = [
    data.aws_iam_openid_connect_provider.prod-blue,
    aws_iam_openid_connect_provider.prod-green,
  ]
}

resource "aws_iam_role" "prod-blue__kube-system__cluster-autoscaler" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:sub" = "system:serviceaccount:kube-system:cluster-autoscaler"
            "oidc.eks.us-west-2.amazonaws.com/id/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Cluster Autoscaler: ServiceAccount kube-system/cluster-autoscaler in cluster prod-blue of environment prod (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "prod-blue-kube-system-cluster-autoscaler"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    environment = "prod"
    managed-by  = "cdktf-irsa"
    owner       = "platform"
  }

  depends_on = [data.aws_iam_openid_connect_provider.prod-blue]
}

resource "aws_iam_role" "prod-green__kube-system__cluster-autoscaler" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:sub" = "system:serviceaccount:kube-system:cluster-autoscaler"
            "oidc.eks.us-west-2.amazonaws.com/id/BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "Cluster Autoscaler: ServiceAccount kube-system/cluster-autoscaler in cluster prod-green of environment prod (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "prod-green-kube-system-cluster-autoscaler"
  path                 = "/eks/"
  permissions_boundary = "arn:aws:iam::111122223333:policy/eks-workload-boundary"
  tags = {
    environment = "prod"
    managed-by  = "cdktf-irsa"
    owner       = "platform"
  }

  depends_on = [aws_iam_openid_connect_provider.prod-green]
}

resource "aws_iam_role_policy" "analytics__reports__inline" {
  name = "inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["athena:StartQueryExecution", "athena:GetQueryResults"]
        Resource = ["arn:aws:athena:us-west-2:111122223333:workgroup/reports"]
      },
    ]
  })
  role = aws_iam_role.analytics__reports.name
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

resource "aws_iam_role_policy" "prod-blue__kube-system__cluster-autoscaler__main" {
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
        Resource = "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:*:autoScalingGroupName/*"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-blue" = "owned"
          }
        }
      },
    ]
  })
  role = aws_iam_role.prod-blue__kube-system__cluster-autoscaler.name
}

resource "aws_iam_role_policy" "prod-green__kube-system__cluster-autoscaler__main" {
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
        Resource = "arn:aws:autoscaling:us-west-2:111122223333:autoScalingGroup:*:autoScalingGroupName/*"
        Condition = {
          StringEquals = {
            "aws:ResourceTag/k8s.io/cluster-autoscaler/prod-green" = "owned"
          }
        }
      },
    ]
  })
  role = aws_iam_role.prod-green__kube-system__cluster-autoscaler.name
}

resource "aws_iam_role_policy_attachment" "orders__orders-api__AmazonS3ReadOnlyAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  role       = aws_iam_role.orders__orders-api.name
}

resource "kubernetes_service_account_v1" "prod-blue__kube-system__cluster-autoscaler" {
  provider = kubernetes.prod-blue

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/prod-blue-kube-system-cluster-autoscaler"
    }
    name      = "cluster-autoscaler"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.prod-blue__kube-system__cluster-autoscaler]
}

resource "kubernetes_service_account_v1" "prod-blue__orders__orders-api" {
  provider = kubernetes.prod-blue

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/prod-orders-orders-api"
    }
    name      = "orders-api"
    namespace = "orders"
  }

  depends_on = [aws_iam_role.orders__orders-api]
}

resource "kubernetes_service_account_v1" "prod-green__analytics__reports" {
  provider = kubernetes.prod-green

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/prod-analytics-reports"
    }
    name      = "reports"
    namespace = "analytics"
  }

  depends_on = [aws_iam_role.analytics__reports]
}

resource "kubernetes_service_account_v1" "prod-green__kube-system__cluster-autoscaler" {
  provider = kubernetes.prod-green

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/prod-green-kube-system-cluster-autoscaler"
    }
    name      = "cluster-autoscaler"
    namespace = "kube-system"
  }

  depends_on = [aws_iam_role.prod-green__kube-system__cluster-autoscaler]
}

resource "kubernetes_service_account_v1" "prod-green__orders__orders-api" {
  provider = kubernetes.prod-green

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eks/prod-orders-orders-api"
    }
    name      = "orders-api"
    namespace = "orders"
  }

  depends_on = [aws_iam_role.orders__orders-api]
}

output "addons" {
  description = "Controller roles: the ARN for aws_eks_addon.service_account_role_arn, or Helm values for the chart"
  value = {
    "clusterAutoscaler@prod-blue" = {
      helm_chart      = "cluster-autoscaler"
      helm_repository = "https://kubernetes.github.io/autoscaler"
      helm_values     = "rbac:\n  serviceAccount:\n    create: false\n    name: cluster-autoscaler\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.prod-blue__kube-system__cluster-autoscaler.arn
      service_account = "kube-system/cluster-autoscaler"
    }
    "clusterAutoscaler@prod-green" = {
      helm_chart      = "cluster-autoscaler"
      helm_repository = "https://kubernetes.github.io/autoscaler"
      helm_values     = "rbac:\n  serviceAccount:\n    create: false\n    name: cluster-autoscaler\n"
      identity        = "irsa"
      role_arn        = aws_iam_role.prod-green__kube-system__cluster-autoscaler.arn
      service_account = "kube-system/cluster-autoscaler"
    }
    ebsCsiDriver = {
      eks_addon_name  = "aws-ebs-csi-driver"
      identity        = "irsa"
      role_arn        = aws_iam_role.kube-system__ebs-csi-controller-sa.arn
      service_account = "kube-system/ebs-csi-controller-sa"
    }
  }
}

output "roles" {
  description = "IAM role of every workload, keyed <namespace>/<name>"
  value = {
    "analytics/reports" = {
      arn  = aws_iam_role.analytics__reports.arn
      name = aws_iam_role.analytics__reports.name
    }
    "kube-system/cluster-autoscaler@prod-blue" = {
      arn  = aws_iam_role.prod-blue__kube-system__cluster-autoscaler.arn
      name = aws_iam_role.prod-blue__kube-system__cluster-autoscaler.name
    }
    "kube-system/cluster-autoscaler@prod-green" = {
      arn  = aws_iam_role.prod-green__kube-system__cluster-autoscaler.arn
      name = aws_iam_role.prod-green__kube-system__cluster-autoscaler.name
    }
    "kube-system/ebs-csi-controller-sa" = {
      arn  = aws_iam_role.kube-system__ebs-csi-controller-sa.arn
      name = aws_iam_role.kube-system__ebs-csi-controller-sa.name
    }
    "orders/orders-api" = {
      arn  = aws_iam_role.orders__orders-api.arn
      name = aws_iam_role.orders__orders-api.name
    }
  }
}
