# The GCP firewall in security.tf opens IPv4 only: one firewall rule holds one address family, so the IPv6 rule for
# the admin port is a sibling resource (this one is dual-stack with admin_v4 below).

resource "google_compute_firewall" "admin_v4" {
  name          = "shop-admin-v4"
  network       = google_compute_network.shop.name
  direction     = "INGRESS"
  target_tags   = ["admin"]
  source_ranges = ["0.0.0.0/0"]
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
}

resource "google_compute_firewall" "admin_v6" {
  name          = "shop-admin-v6"
  network       = google_compute_network.shop.name
  direction     = "INGRESS"
  target_tags   = ["admin"]
  source_ranges = ["::/0"]
  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }
}
