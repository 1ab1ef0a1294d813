# Inputs of the shop's network module.
variable "admin_cidrs" {
  description = "Who may reach the admin port"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "metrics_cidrs" {
  description = "Who may scrape metrics (terraform.tfvars narrows it to the office)"
  type        = list(string)
  default     = ["0.0.0.0/0"]
}

variable "status_cidrs" {
  type    = list(string)
  default = ["10.0.0.0/8"]
}
