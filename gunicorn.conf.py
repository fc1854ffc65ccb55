"""gunicorn settings (gunicorn -c gunicorn.conf.py wsgi:app)."""

from backend.app.config import server_settings

_settings = server_settings()

bind = _settings["bind"]
workers = _settings["workers"]
# Sync workers gave the best tail latency for write bursts (RECIPES.md); nginx buffers in front.
worker_class = "sync"
timeout = 30
graceful_timeout = 30
max_requests = 5000
max_requests_jitter = 500
# No client address in access logs: reporters' anonymity (see docs/threat-model.md).
accesslog = "-"
access_log_format = '%(t)s "%(r)s" %(s)s %(b)s %(L)ss'
errorlog = "-"
# gunicorn 27 opens a control socket under ~/.gunicorn by default; a server has no use for it.
control_socket_disable = True
