# The shop's edge security groups and firewall rules (AWS, GCP, Azure).
# Rules that open 0.0.0.0/0 need an IPv6 counterpart (::/0), or IPv6 clients are dropped.

resource "aws_security_group" "web" {
  name   = "shop-web"
  vpc_id = aws_vpc.shop.id

  ingress {
    description = "HTTPS from everywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"] # v6ready-expect: V6106
  }

  # Dual-stack: both families in the same block.
  ingress {
    from_port        = 80
    to_port          = 80
    protocol         = "tcp"
    cidr_blocks      = ["0.0.0.0/0"]
    ipv6_cidr_blocks = ["::/0"]
  }

  # An allowlist of IPv4 office ranges is not an IPv6 bug.
  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24", "198.51.100.0/24"]
  }

  egress {
    from_port = 0
    to_port   = 0
    protocol  = "-1"
    # v6ready-expect: V6106
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "metrics" {
  type              = "ingress"
  from_port         = 9090
  to_port           = 9090
  protocol          = "tcp"
  cidr_blocks       = var.metrics_cidrs # from a variable: not read
  security_group_id = aws_security_group.web.id
}

resource "aws_vpc_security_group_ingress_rule" "api_v4" {
  security_group_id = aws_security_group.web.id
  from_port         = 8443
  to_port           = 8443
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "api_v6" {
  security_group_id = aws_security_group.web.id
  from_port         = 8443
  to_port           = 8443
  ip_protocol       = "tcp"
  cidr_ipv6         = "::/0"
}

resource "aws_vpc_security_group_ingress_rule" "grpc" {
  security_group_id = aws_security_group.web.id
  from_port         = 50051
  to_port           = 50051
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0" # v6ready-expect: V6106
}

resource "aws_network_acl" "public" {
  vpc_id = aws_vpc.shop.id

  ingress {
    protocol   = "tcp"
    rule_no    = 100
    action     = "allow"
    cidr_block = "0.0.0.0/0" # v6ready-expect: V6106
    from_port  = 443
    to_port    = 443
  }
}

resource "google_compute_firewall" "web" {
  name          = "shop-web"
  network       = google_compute_network.shop.name
  direction     = "INGRESS"
  source_ranges = ["0.0.0.0/0"] # v6ready-expect: V6106
  allow {
    protocol = "tcp"
    ports    = ["443"]
  }
}

resource "azurerm_network_security_rule" "https" {
  name                        = "https"
  priority                    = 100
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  source_port_range           = "*"
  destination_port_range      = "443"
  source_address_prefix       = "Internet" # the Internet tag covers both families
  destination_address_prefix  = "*"
  resource_group_name         = azurerm_resource_group.shop.name
  network_security_group_name = azurerm_network_security_group.shop.name
}
