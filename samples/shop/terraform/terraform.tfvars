metrics_cidrs = ["203.0.113.0/24"]
status_cidrs  = ["0.0.0.0/0"]
