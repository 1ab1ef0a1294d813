# gunicorn settings of the recommendation admin app
bind = ["0.0.0.0:8000", "[::]:8001"]  # v6ready-expect: V6001
workers = 2
