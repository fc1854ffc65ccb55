"""`make bench`: drive the scenarios over HTTP with wrk and write docs/benchmarks.md.

python -m bench.run [--duration 15] [--connections 50] [--threads 2] [--workers 4] [--only NAME]

Runs gunicorn (gunicorn.conf.py, sync workers) on a dedicated PostgreSQL database and Redis
database on this machine: first the floor app (bench/floor_app.py), then the API, each scenario
replaying distinct prepared requests (bench/scenarios/, one module per scenario).
"""

import argparse
import contextlib
import os
import secrets
import shlex
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from . import scenarios
from .stack import (
    ROOT,
    BenchError,
    Server,
    ensure_database,
    ensure_wrk,
    machine,
    reset_redis,
    run_wrk,
)

DATABASE_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/bench"
REDIS_URL = "redis://127.0.0.1:6379/10"
NOTES = ROOT / "bench" / "notes.md"


@dataclass
class Context:
    """What scenarios get: the app for seeding, a shared store, the pool size."""

    app: object
    pool: int
    store: dict = field(default_factory=dict)


def _arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument(
        "--repeat", type=int, default=3, help="rounds of all scenarios; medians are reported"
    )
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=2, help="wrk threads")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers")
    parser.add_argument("--only", action="append", help="run only scenarios with this NAME")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_DATABASE_URL", DATABASE_URL)
    )
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", REDIS_URL))
    return parser.parse_args()


def _environment(args):
    """The settings both the bench process and gunicorn run with."""
    return {
        "APP_ENV": "development",
        "DATABASE_URL": args.database_url,
        "REDIS_URL": args.redis_url,
        "SECRET_KEY": secrets.token_urlsafe(32),
        "WECHAT_MODE": "fake",
        "LOG_LEVEL": "WARNING",
    }


def _prepare(settings):
    """Migrate the empty bench database and add the floor's table; the app for seeding."""
    os.environ.update(settings)
    from flask_migrate import upgrade

    from backend.app import create_app
    from backend.app.extensions import db

    from .floor_app import FloorWrite

    app = create_app()
    with app.app_context():
        upgrade()
        FloorWrite.__table__.create(db.engine, checkfirst=True)
    return app


def _release(app):
    """Close the bench process's own connections before measuring."""
    from backend.app.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _write_requests(path, requests):
    with path.open("w") as handle:
        for request in requests:
            handle.write(f"{request.method}\t{request.path}\t{request.token}\t{request.body}\n")
    return len(requests)


WARM_UP = {"app": "/api/v1/question-categories", "floor": "/floor/json"}


def _measure(args, wrk, ctx, env, chosen, workdir):
    """One round: each API scenario runs right after its floor, so the two see the same machine.

    Returns [(scenario NAME, result)] in run order; a floor appears once per scenario using it.
    """
    floors = {scenario.NAME: scenario for scenario in chosen if scenario.TARGET == "floor"}
    measured = []

    def run(scenario, requests, server):
        _release(ctx.app)
        file = workdir / "requests.tsv"
        pool = _write_requests(file, requests)
        summary = run_wrk(wrk, server.url, file, args.threads, args.connections, args.duration)
        result = _result(scenario, summary, pool)
        measured.append((scenario.NAME, result))
        print(
            f"{scenario.NAME:>20}: {result['rps']:8.0f} rps  p50 {result['p50_ms']:.1f} ms"
            f"  p99 {result['p99_ms']:.1f} ms  errors {result['errors']}",
            flush=True,
        )
        return result

    with contextlib.ExitStack() as stack:
        servers = {}
        for target in ("floor", "app"):
            log = ROOT / "instance" / f"bench-gunicorn-{target}.log"
            servers[target] = stack.enter_context(Server(target, env, args.workers, log))
            warm = workdir / "warm.tsv"
            _write_requests(warm, [scenarios.Request("GET", WARM_UP[target])])
            run_wrk(wrk, servers[target].url, warm, args.threads, args.connections, 3)
        used = set()
        for scenario in (scenario for scenario in chosen if scenario.TARGET == "app"):
            print(f"preparing {scenario.NAME} ...", flush=True)
            requests = list(scenario.requests(ctx))
            floor = floors.get(scenario.FLOOR)
            floor_result = None
            if floor is not None:
                used.add(floor.NAME)
                floor_result = run(floor, list(floor.requests(ctx)), servers["floor"])
            result = run(scenario, requests, servers["app"])
            if floor_result is not None:
                result["ratio"] = result["rps"] / floor_result["rps"]
        for name, floor in floors.items():
            if name not in used:
                run(floor, list(floor.requests(ctx)), servers["floor"])
    return measured


def _result(scenario, summary, pool):
    seconds = summary["duration_us"] / 1e6
    errors = sum(summary[name] for name in ("connect", "read", "write", "status", "timeout"))
    return {
        "scenario": scenario,
        "rps": summary["requests"] / seconds,
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "errors": errors,
        "pool": pool,
        "replays": summary["replays"] > 0 and getattr(scenario, "ONCE", False),
    }


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def _combine(measured):
    """Per scenario, in first-run order: medians over its runs, the ratios' range, errors."""
    runs = {}
    for name, result in measured:
        runs.setdefault(name, []).append(result)
    combined = {}
    for name, results in sorted(
        runs.items(), key=lambda item: (item[1][0]["scenario"].TARGET != "floor",)
    ):
        ratios = [result["ratio"] for result in results if result.get("ratio") is not None]
        combined[name] = {
            "scenario": results[0]["scenario"],
            "runs": len(results),
            "rps": _median([result["rps"] for result in results]),
            "p50_ms": _median([result["p50_ms"] for result in results]),
            "p99_ms": _median([result["p99_ms"] for result in results]),
            "errors": sum(result["errors"] for result in results),
            "replays": any(result["replays"] for result in results),
            "ratio": _median(ratios) if ratios else None,
            "ratio_range": (min(ratios), max(ratios)) if ratios else None,
        }
    return combined


def _report(args, results, facts, command):
    lines = [
        "# Benchmarks",
        "",
        f"Written by `make bench` (`bench/run.py`) on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
        "run it again to refresh this page. Numbers vary by ±10–25 % between runs on a shared "
        "machine; compare ratios to the floors, measured in the same run, rather than raw rates.",
        "",
        f"Command: `{command}`",
        "",
        "## Machine",
        "",
        "| | |",
        "|---|---|",
        f"| CPUs (`nproc`) | {facts['nproc']} |",
        f"| CPU | {facts['cpu']} |",
        f"| RAM | {facts['ram_gib']} GiB |",
        f"| OS | {facts['os']} |",
        f"| Python | {facts['python']} |",
        f"| PostgreSQL | {facts['postgresql']} |",
        f"| Redis | {facts['redis_server']} |",
        f"| load generator | {facts['wrk']} |",
        "| libraries | "
        + ", ".join(
            f"{name} {facts[name]}"
            for name in ("gunicorn", "Flask", "SQLAlchemy", "psycopg", "redis", "marshmallow")
        )
        + " |",
        "",
        "## Setup",
        "",
        f"- gunicorn with `gunicorn.conf.py` (sync workers), {args.workers} workers "
        "(`WEB_CONCURRENCY`), serving first the floor app (`bench/floor_app.py`) and then the API "
        "(`wsgi:app`), on the same settings, extensions and pools. Only `max_requests` is off "
        "(`--max-requests 0`): a worker restart every 5,000 requests costs the fastest "
        "endpoints, the floors, most.",
        f"- PostgreSQL database `{args.database_url.rsplit('/', 1)[-1]}` (created if missing, "
        f"emptied and migrated at the start) and Redis database "
        f"`{args.redis_url.rsplit('/', 1)[-1]}`, both on this machine, over loopback.",
        f"- wrk on the same machine: {args.threads} threads, {args.connections} connections, "
        f"{args.duration} s per run, after a 3 s warm-up per server; {args.repeat} rounds. In "
        "a round each API scenario runs right after its floor (both servers up, one idle), and "
        "its ratio is taken against that floor run, so the load other processes put on a "
        "shared machine hits both alike; the table shows medians over all runs and the median "
        "of the paired ratios. Each scenario replays prepared requests (`bench/wrk.lua`), each "
        "sent once unless the pool ran out (marked “replays”).",
        "- Stateful scenarios use many distinct members with pre-issued tokens: each start is a "
        "new member's first attempt; saves answer the attempts the start scenario opened; each "
        "submit finishes a different attempt (drawn and stored beforehand by `bench/seed.py`, "
        "20 questions, about 70 % right); the leaderboard is read by those who submitted.",
        "",
        "## Results",
        "",
        "| endpoint | request | runs | rps | p50 | p99 | errors | floor | ratio to floor "
        "| aim | met |",
        "|---|---|---:|---:|---:|---:|---:|---|---:|---:|---|",
    ]
    for name, result in results.items():
        scenario = result["scenario"]
        ratio = result["ratio"]
        aim = scenario.AIM
        met = "" if aim is None or ratio is None else ("yes" if ratio >= aim else "**no**")
        errors = f"{result['errors']}" + (" (replays)" if result["replays"] else "")
        lines.append(
            f"| {name} | `{scenario.TITLE}` | {result['runs']} | {result['rps']:,.0f} "
            f"| {result['p50_ms']:.1f} ms "
            f"| {result['p99_ms']:.1f} ms | {errors} | {scenario.FLOOR or '—'} "
            f"| {'—' if ratio is None else f'{ratio:.2f}×'} "
            f"| {'—' if aim is None else f'≥ {aim}×'} | {met} |"
        )
    lines += ["", "## Aims (issue 3)", ""]
    for name, result in results.items():
        aim, ratio = result["scenario"].AIM, result["ratio"]
        if aim is None or ratio is None:
            continue
        verdict = "met" if ratio >= aim else "not met"
        low, high = result["ratio_range"]
        lines.append(
            f"- {name}: at least {aim}× {result['scenario'].FLOOR} — median {ratio:.2f}× "
            f"(paired runs: {low:.2f}–{high:.2f}×): **{verdict}**."
        )
    if NOTES.exists():
        lines += ["", NOTES.read_text().strip()]
    return "\n".join(lines) + "\n"


def main():
    """Run the bench and write the report."""
    args = _arguments()
    command = "make bench  # " + shlex.join(["python", "-m", "bench.run", *sys.argv[1:]])
    try:
        wrk = ensure_wrk()
        ensure_database(args.database_url)
        reset_redis(args.redis_url)
        settings = _environment(args)
        app = _prepare(settings)
        env = {**os.environ, **settings}
        chosen = [
            scenario for scenario in scenarios.load() if not args.only or scenario.NAME in args.only
        ]
        ctx = Context(app=app, pool=max(5000, 1500 * args.duration))
        with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
            measured = []
            for number in range(1, args.repeat + 1):
                print(f"round {number} of {args.repeat}", flush=True)
                measured += _measure(args, wrk, ctx, env, chosen, Path(workdir))
        results = _combine(measured)
        facts = machine(args.database_url, args.redis_url, wrk)
    except BenchError as error:
        sys.exit(f"bench: {error}")
    args.output.write_text(_report(args, results, facts, command))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
