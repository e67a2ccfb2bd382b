terraform {
  backend "s3" {
    bucket       = "acme-terraform-state"
    encrypt      = true
    key          = "irsa/platform.tfstate"
    region       = "eu-west-1"
    use_lockfile = true
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
  region              = "eu-west-1"
}

provider "aws" {
  alias = "platform-b"

  allowed_account_ids = ["444455556666"]
  region              = "eu-central-1"

  assume_role {
    role_arn = "arn:aws:iam::444455556666:role/terraform-irsa"
  }
}

provider "kubernetes" {
  alias = "platform-a"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.platform-a.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.platform-a.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args        = ["eks", "get-token", "--cluster-name", "platform-a", "--region", "eu-west-1"]
    command     = "aws"
  }
}

provider "kubernetes" {
  alias = "platform-b"

  cluster_ca_certificate = base64decode(data.aws_eks_cluster.platform-b.certificate_authority[0].data)
  host                   = data.aws_eks_cluster.platform-b.endpoint

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    args = [
      "eks",
      "get-token",
      "--cluster-name",
      "platform-b",
      "--region",
      "eu-central-1",
      "--role-arn",
      "arn:aws:iam::444455556666:role/terraform-irsa",
    ]
    command = "aws"
  }
}

data "aws_eks_cluster" "platform-a" {
  name = "platform-a"
}

data "aws_eks_cluster" "platform-b" {
  provider = aws.platform-b

  name = "platform-b"
}

resource "aws_eks_pod_identity_association" "platform-a__finance__exporter" {
  cluster_name    = "platform-a"
  namespace       = "finance"
  role_arn        = aws_iam_role.finance__exporter.arn
  service_account = "exporter"
  target_role_arn = "arn:aws:iam::777788889999:role/ledger-export"
}

resource "aws_eks_pod_identity_association" "platform-a__finance__invoices" {
  cluster_name    = "platform-a"
  namespace       = "finance"
  role_arn        = aws_iam_role.finance__invoices.arn
  service_account = "invoices"
}

resource "aws_eks_pod_identity_association" "platform-a__finance__ledger" {
  cluster_name    = "platform-a"
  namespace       = "finance"
  role_arn        = aws_iam_role.finance__ledger.arn
  service_account = "ledger"
}

resource "aws_eks_pod_identity_association" "platform-a__shop__checkout" {
  cluster_name    = "platform-a"
  namespace       = "shop"
  role_arn        = aws_iam_role.shop__checkout.arn
  service_account = "checkout"
}

resource "aws_iam_openid_connect_provider" "batch-fargate" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "batch-fargate"
  }
  url = "https://oidc.eks.eu-west-1.amazonaws.com/id/E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2"
}

resource "aws_iam_openid_connect_provider" "platform-a" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "platform-a"
  }
  url = "https://oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0"
}

resource "aws_iam_openid_connect_provider" "platform-b" {
  client_id_list = ["sts.amazonaws.com"]
  tags = {
    eks-cluster = "platform-b"
  }
  url = "https://oidc.eks.eu-central-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1"
}

resource "aws_iam_role" "batch__nightly" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2:sub" = "system:serviceaccount:batch:nightly"
            "oidc.eks.eu-west-1.amazonaws.com/id/E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2E2:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount batch/nightly in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-batch-nightly"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.batch-fargate]
}

resource "aws_iam_role" "finance__exporter" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          StringEquals = {
            "aws:SourceAccount"                         = "111122223333"
            "aws:RequestTag/eks-cluster-arn"            = "arn:aws:eks:eu-west-1:111122223333:cluster/platform-a"
            "aws:RequestTag/kubernetes-namespace"       = "finance"
            "aws:RequestTag/kubernetes-service-account" = "exporter"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount finance/exporter in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-finance-exporter"
  path                 = "/"
}

resource "aws_iam_role" "finance__invoices" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:sub" = "system:serviceaccount:finance:invoices"
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          StringEquals = {
            "aws:SourceAccount"                         = "111122223333"
            "aws:RequestTag/eks-cluster-arn"            = "arn:aws:eks:eu-west-1:111122223333:cluster/platform-a"
            "aws:RequestTag/kubernetes-namespace"       = "finance"
            "aws:RequestTag/kubernetes-service-account" = "invoices"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount finance/invoices in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-finance-invoices"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.platform-a]
}

resource "aws_iam_role" "finance__ledger" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          StringEquals = {
            "aws:SourceAccount"                         = "111122223333"
            "aws:RequestTag/eks-cluster-arn"            = "arn:aws:eks:eu-west-1:111122223333:cluster/platform-a"
            "aws:RequestTag/kubernetes-namespace"       = "finance"
            "aws:RequestTag/kubernetes-service-account" = "ledger"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount finance/ledger in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-finance-ledger"
  path                 = "/"
}

resource "aws_iam_role" "finance__payouts" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:sub" = "system:serviceaccount:finance:payouts"
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-central-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-central-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1:sub" = "system:serviceaccount:finance:payouts"
            "oidc.eks.eu-central-1.amazonaws.com/id/D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1D1:aud" = "sts.amazonaws.com"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount finance/payouts in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-finance-payouts"
  path                 = "/"

  depends_on = [
    aws_iam_openid_connect_provider.platform-a,
    aws_iam_openid_connect_provider.platform-b,
  ]
}

resource "aws_iam_role" "shop__checkout" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Federated = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0"
        }
        Action = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:sub" = "system:serviceaccount:shop:checkout"
            "oidc.eks.eu-west-1.amazonaws.com/id/C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0C0:aud" = "sts.amazonaws.com"
          }
        }
      },
      {
        Effect = "Allow"
        Principal = {
          Service = "pods.eks.amazonaws.com"
        }
        Action = ["sts:AssumeRole", "sts:TagSession"]
        Condition = {
          StringEquals = {
            "aws:SourceAccount"                         = "111122223333"
            "aws:RequestTag/eks-cluster-arn"            = "arn:aws:eks:eu-west-1:111122223333:cluster/platform-a"
            "aws:RequestTag/kubernetes-namespace"       = "shop"
            "aws:RequestTag/kubernetes-service-account" = "checkout"
          }
        }
      },
    ]
  })
  description          = "ServiceAccount shop/checkout in environment platform (cdktf-irsa)"
  max_session_duration = 3600
  name                 = "platform-shop-checkout"
  path                 = "/"

  depends_on = [aws_iam_openid_connect_provider.platform-a]
}

resource "aws_iam_role_policy" "finance__exporter__target-role" {
  name = "target-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "AssumeTargetRole"
        Effect   = "Allow"
        Action   = ["sts:AssumeRole", "sts:TagSession"]
        Resource = "arn:aws:iam::777788889999:role/ledger-export"
      },
    ]
  })
  role = aws_iam_role.finance__exporter.name
}

resource "aws_iam_role_policy" "finance__ledger__inline" {
  name = "inline"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = ["arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"]
      },
    ]
  })
  role = aws_iam_role.finance__ledger.name
}

resource "aws_iam_role_policy_attachment" "finance__payouts__111122223333-payouts-queue" {
  policy_arn = "arn:aws:iam::111122223333:policy/payouts-queue"
  role       = aws_iam_role.finance__payouts.name
}

resource "aws_iam_role_policy_attachment" "shop__checkout__AmazonDynamoDBReadOnlyAccess" {
  policy_arn = "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess"
  role       = aws_iam_role.shop__checkout.name
}

resource "kubernetes_service_account_v1" "platform-a__finance__exporter" {
  provider = kubernetes.platform-a

  metadata {
    name      = "exporter"
    namespace = "finance"
  }

  depends_on = [aws_iam_role.finance__exporter]
}

resource "kubernetes_service_account_v1" "platform-a__finance__invoices" {
  provider = kubernetes.platform-a

  metadata {
    name      = "invoices"
    namespace = "finance"
  }

  depends_on = [aws_iam_role.finance__invoices]
}

resource "kubernetes_service_account_v1" "platform-a__finance__ledger" {
  provider = kubernetes.platform-a

  metadata {
    name      = "ledger"
    namespace = "finance"
  }

  depends_on = [aws_iam_role.finance__ledger]
}

resource "kubernetes_service_account_v1" "platform-a__finance__payouts" {
  provider = kubernetes.platform-a

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/platform-finance-payouts"
    }
    name      = "payouts"
    namespace = "finance"
  }

  depends_on = [aws_iam_role.finance__payouts]
}

resource "kubernetes_service_account_v1" "platform-a__shop__checkout" {
  provider = kubernetes.platform-a

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/platform-shop-checkout"
    }
    name      = "checkout"
    namespace = "shop"
  }

  depends_on = [aws_iam_role.shop__checkout]
}

resource "kubernetes_service_account_v1" "platform-b__finance__payouts" {
  provider = kubernetes.platform-b

  metadata {
    annotations = {
      "eks.amazonaws.com/role-arn" = "arn:aws:iam::111122223333:role/platform-finance-payouts"
    }
    name      = "payouts"
    namespace = "finance"
  }

  depends_on = [aws_iam_role.finance__payouts]
}

output "roles" {
  description = "IAM role of every workload, keyed <namespace>/<name>"
  value = {
    "batch/nightly" = {
      arn  = aws_iam_role.batch__nightly.arn
      name = aws_iam_role.batch__nightly.name
    }
    "finance/exporter" = {
      arn  = aws_iam_role.finance__exporter.arn
      name = aws_iam_role.finance__exporter.name
    }
    "finance/invoices" = {
      arn  = aws_iam_role.finance__invoices.arn
      name = aws_iam_role.finance__invoices.name
    }
    "finance/ledger" = {
      arn  = aws_iam_role.finance__ledger.arn
      name = aws_iam_role.finance__ledger.name
    }
    "finance/payouts" = {
      arn  = aws_iam_role.finance__payouts.arn
      name = aws_iam_role.finance__payouts.name
    }
    "shop/checkout" = {
      arn  = aws_iam_role.shop__checkout.arn
      name = aws_iam_role.shop__checkout.name
    }
  }
}
