resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  from_port         = 8443
  to_port           = 8443
  protocol          = "tcp"
  security_group_id = aws_security_group.web.id
  # the variable's default: configurable, reported at medium confidence
  # v6ready-expect: V6106
  cidr_blocks       = var.admin_cidrs
}

resource "aws_security_group_rule" "metrics" {
  type              = "ingress"
  from_port         = 9100
  to_port           = 9100
  protocol          = "tcp"
  security_group_id = aws_security_group.web.id
  cidr_blocks       = var.metrics_cidrs # terraform.tfvars sets an allowlist
}

resource "aws_security_group_rule" "status" {
  type              = "ingress"
  from_port         = 8080
  to_port           = 8080
  protocol          = "tcp"
  security_group_id = aws_security_group.web.id
  # v6ready-expect: V6106
  cidr_blocks       = var.status_cidrs
}
