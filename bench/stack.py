"""The machinery under a bench run: wrk, the database, gunicorn, and the machine's description."""

import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import psycopg
import redis as redis_lib
from psycopg import sql

ROOT = Path(__file__).resolve().parents[1]
# The project's config; only the periodic worker restart is off, since it would cost the
# fastest endpoints (the floors) most and blur the ratios.
GUNICORN = [
    sys.executable,
    "-m",
    "gunicorn",
    "-c",
    str(ROOT / "gunicorn.conf.py"),
    "--max-requests",
    "0",
]
TARGETS = {"app": "wsgi:app", "floor": "bench.floor_app:create_app()"}


class BenchError(RuntimeError):
    """The bench cannot run; the message says why and what to do."""


def ensure_wrk():
    """The path of wrk, installing Debian's package when missing and allowed."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("wrk is missing: apt-get install -y wrk", flush=True)
        subprocess.run(["apt-get", "install", "-y", "wrk"], check=False, capture_output=True)
        found = shutil.which("wrk")
        if found:
            return found
    raise BenchError(
        "wrk is not installed and could not be installed here. Install it "
        "(Debian/Ubuntu: sudo apt-get install -y wrk) and run `make bench` again."
    )


def ensure_database(url):
    """Create the bench database if missing and empty its schema (it belongs to the bench)."""
    info = psycopg.conninfo.conninfo_to_dict(url.replace("postgresql+psycopg://", "postgresql://"))
    name = info["dbname"]
    admin = psycopg.conninfo.make_conninfo(**{**info, "dbname": "postgres"})
    try:
        with psycopg.connect(admin, autocommit=True) as connection:
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if not exists:
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        with psycopg.connect(psycopg.conninfo.make_conninfo(**info), autocommit=True) as connection:
            connection.execute("DROP SCHEMA public CASCADE")
            connection.execute("CREATE SCHEMA public")
    except psycopg.OperationalError as error:
        raise BenchError(f"PostgreSQL is not reachable at {url}: {error}") from None


def reset_redis(url):
    """Empty the bench's Redis database."""
    try:
        redis_lib.Redis.from_url(url).flushdb()
    except redis_lib.RedisError as error:
        raise BenchError(f"Redis is not reachable at {url}: {error}") from None


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """gunicorn with the project's config serving one target; a context manager."""

    def __init__(self, target, env, workers, log_path):
        self.target = target
        self.port = _free_port()
        self.env = {
            **env,
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "WEB_CONCURRENCY": str(workers),
        }
        self.log_path = log_path
        self.process = None

    @property
    def url(self):
        """The server's base URL."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self):
        self.log_path.parent.mkdir(exist_ok=True)
        log = self.log_path.open("ab")
        self._log = log
        # The access log goes to stdout: dropped here, it would only fill the disk.
        self.process = subprocess.Popen(
            [*GUNICORN, TARGETS[self.target]],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"gunicorn ({self.target}) exited; see {self.log_path}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return self
            except OSError:
                time.sleep(0.2)
        raise BenchError(f"gunicorn ({self.target}) did not start; see {self.log_path}")

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


def run_wrk(wrk, url, requests_file, threads, connections, duration):
    """Run wrk with the replay script; its summary as a dict."""
    env = {**os.environ, "BENCH_REQUESTS": str(requests_file), "BENCH_THREADS": str(threads)}
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk.lua"),
        url,
    ]
    output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    for line in output.splitlines():
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise BenchError(f"wrk printed no summary:\n{output}")


def _first_line(command):
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError:
        return "unknown"
    return ((result.stdout or result.stderr).strip().splitlines() or ["unknown"])[0]


def machine(database_url, redis_url, wrk):
    """What the numbers were measured on."""
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    dsn = database_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    redis_version = redis_lib.Redis.from_url(redis_url).info("server")["redis_version"]
    versions = {
        name: metadata.version(name)
        for name in ("gunicorn", "Flask", "SQLAlchemy", "psycopg", "redis", "marshmallow")
    }
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(memory_kb / 1024 / 1024, 1),
        "os": f"{_first_line(['sh', '-c', '. /etc/os-release && echo $PRETTY_NAME'])}, "
        f"kernel {platform.release()}",
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis_server": redis_version,
        "wrk": _first_line([wrk, "-v"]).split(" [")[0],
        **versions,
    }
