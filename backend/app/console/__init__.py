"""The admin console: server-rendered pages under /console, no build step, no CDN."""
