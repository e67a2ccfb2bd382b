terraform {
  backend "local" {
    path = "terraform.cluster-13.tfstate"
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
  alias = "cluster-13"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.cluster-13.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.cluster-13.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "cluster-13", "--region", "us-west-2"]
    command     = "aws"
  }
}

data "aws_eks_cluster" "cluster-13" {
  name = "cluster-13"
}

resource "aws_iam_openid_connect_provider" "cluster-13" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "cluster-13"
  }
  url = "https://oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1"
}

resource "aws_iam_role" "backend-apps__cache-access" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:sub" = "system:serviceaccount:backend-apps:cache-access"
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount backend-apps/cache-access in environment cluster-13 (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.cluster-13]
}

resource "aws_iam_role" "backend-apps__s3-reader" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:sub" = "system:serviceaccount:backend-apps:s3-reader"
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount backend-apps/s3-reader in environment cluster-13 (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA"
  path                 = "/"
  tags = {
    Owner = "John Doe"
    Team  = "Some Team"
  }

  depends_on = [aws_iam_openid_connect_provider.cluster-13]
}

resource "aws_iam_role" "kube-system__cluster-autoscaler" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:sub" = "system:serviceaccount:kube-system:cluster-autoscaler"
            "oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount kube-system/cluster-autoscaler in environment cluster-13 (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "eksctl-cluster-autoscaler-role"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.cluster-13]
}

resource "aws_iam_role_policy" "kube-system__cluster-autoscaler__eksctl-cluster-13-addon-iamserviceaccount-kube-system-cluster-autoscaler-Policy1" {
  name = "eksctl-cluster-13-addon-iamserviceaccount-kube-system-cluster-autoscaler-Policy1"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Action = [
          "autoscaling:DescribeAutoScalingGroups",
          "autoscaling:DescribeAutoScalingInstances",
          "autoscaling:DescribeLaunchConfigurations",
          "autoscaling:DescribeTags",
          "autoscaling:SetDesiredCapacity",
          "autoscaling:TerminateInstanceInAutoScalingGroup",
          "ec2:DescribeLaunchTemplateVersions",
        ]
        Resource = "*"
      },
    ]
  })
  role = aws_iam_role.kube-system__cluster-autoscaler.name
}

resource "aws_iam_role_policy_attachment" "backend-apps__cache-access__AmazonDynamoDBReadOnlyAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"
  role       = aws_iam_role.backend-apps__cache-access.name
}

resource "aws_iam_role_policy_attachment" "backend-apps__cache-access__AmazonElastiCacheFullAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonElastiCacheFullAccess"
  role       = aws_iam_role.backend-apps__cache-access.name
}

resource "aws_iam_role_policy_attachment" "backend-apps__s3-reader__AmazonS3ReadOnlyAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  role       = aws_iam_role.backend-apps__s3-reader.name
}

resource "kubernetes_service_account_v1" "cluster-13__backend-apps__cache-access" {
  provider = kubernetes.cluster-13

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT"
    }
    labels = {
      aws-usage = "application"
    }
    name      = "cache-access"
    namespace = "backend-apps"
  }

  depends_on = [aws_iam_role.backend-apps__cache-access]
}

resource "kubernetes_service_account_v1" "cluster-13__backend-apps__s3-reader" {
  provider = kubernetes.cluster-13

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA"
    }
    labels = {
      aws-usage = "application"
    }
    name      = "s3-reader"
    namespace = "backend-apps"
  }

  depends_on = [aws_iam_role.backend-apps__s3-reader]
}

output "roles" {
  description = "IAM role of every workload, keyed <namespace>/<name>"
  value = {
    "backend-apps/cache-access" = {
      arn  = aws_iam_role.backend-apps__cache-access.arn
      name = aws_iam_role.backend-apps__cache-access.name
    }
    "backend-apps/s3-reader" = {
      arn  = aws_iam_role.backend-apps__s3-reader.arn
      name = aws_iam_role.backend-apps__s3-reader.name
    }
    "kube-system/cluster-autoscaler" = {
      arn  = aws_iam_role.kube-system__cluster-autoscaler.arn
      name = aws_iam_role.kube-system__cluster-autoscaler.name
    }
  }
}

import {
  id = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/D13D13D13D13D13D13D13D13D13D13D1"
  to = aws_iam_openid_connect_provider.cluster-13
}

import {
  id = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA"
  to = aws_iam_role.backend-apps__s3-reader
}

import {
  id = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-5XK2M9QW7PLA/arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  to = aws_iam_role_policy_attachment.backend-apps__s3-reader__AmazonS3ReadOnlyAccess
}

import {
  id = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT"
  to = aws_iam_role.backend-apps__cache-access
}

import {
  id = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT/arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"
  to = aws_iam_role_policy_attachment.backend-apps__cache-access__AmazonDynamoDBReadOnlyAccess
}

import {
  id = "eksctl-cluster-13-addon-iamserviceaccount-ba-Role1-1J3H8ZQK3W5RT/arn:aws:iam::aws:policy/AmazonElastiCacheFullAccess"
  to = aws_iam_role_policy_attachment.backend-apps__cache-access__AmazonElastiCacheFullAccess
}

import {
  id = "eksctl-cluster-autoscaler-role"
  to = aws_iam_role.kube-system__cluster-autoscaler
}

import {
  id = "eksctl-cluster-autoscaler-role:eksctl-cluster-13-addon-iamserviceaccount-kube-system-cluster-autoscaler-Policy1"
  to = aws_iam_role_policy.kube-system__cluster-autoscaler__eksctl-cluster-13-addon-iamserviceaccount-kube-system-cluster-autoscaler-Policy1
}

import {
  id       = "backend-apps/s3-reader"
  provider = kubernetes.cluster-13
  to       = kubernetes_service_account_v1.cluster-13__backend-apps__s3-reader
}

import {
  id       = "backend-apps/cache-access"
  provider = kubernetes.cluster-13
  to       = kubernetes_service_account_v1.cluster-13__backend-apps__cache-access
}
