"""The floors: the least a request can do on the same stack (bench only, never deployed).

gunicorn -c gunicorn.conf.py "bench.floor_app:create_app()", with the app's settings, extensions and
gunicorn config: a Flask JSON answer; a marshmallow load of a 20-answer body, one INSERT and a
commit; one pipelined Redis round trip (ZADD, ZREVRANK, ZREVRANGE).
"""

from datetime import datetime

from flask import Flask, jsonify, request
from sqlalchemy import JSON, Integer
from sqlalchemy.orm import Mapped, mapped_column

from backend.app.common.time import UTCDateTime, utcnow
from backend.app.config import load_config
from backend.app.extensions import db, redis
from backend.app.quizzes.schemas import SubmitSchema

BOARD = "bench:floor:board"


class FloorWrite(db.Model):
    """One row per write-floor request."""

    __tablename__ = "bench_floor_writes"

    id: Mapped[int] = mapped_column(primary_key=True)
    member_id: Mapped[int] = mapped_column(Integer)
    answers: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


def create_app():
    """The floor app on the app's own settings and extensions."""
    app = Flask(__name__)
    app.config.update(load_config())
    app.json.ensure_ascii = False
    db.init_app(app)
    redis.init_app(app)
    schema = SubmitSchema()

    @app.get("/floor/json")
    def bare_json():
        return jsonify(ok=True)

    @app.post("/floor/write")
    def write():
        answers = schema.load(request.get_json())["answers"]
        row = FloorWrite(member_id=request.args.get("member", 0, type=int), answers=answers)
        db.session.add(row)
        db.session.flush()
        row_id = row.id
        db.session.commit()
        return jsonify(id=row_id)

    @app.get("/floor/redis")
    def redis_round_trip():
        member = request.args.get("member", "0")
        pipe = redis.client.pipeline(transaction=False)
        pipe.zadd(BOARD, {member: int(member) % 1000})
        pipe.zrevrank(BOARD, member)
        pipe.zrevrange(BOARD, 0, 9, withscores=True)
        _, rank, top = pipe.execute()
        return jsonify(rank=rank, top=[[name.decode(), score] for name, score in top])

    return app
