"""A fake WeChat API server for development and tests, spoken to over real HTTP."""

import hashlib
import io
import re
import secrets
import threading
from dataclasses import dataclass, field

from flask import Flask, jsonify, request
from PIL import Image, ImageDraw, PngImagePlugin
from werkzeug.serving import make_server

TOKEN_PREFIX = "fake-token-"
SCENE_PATTERN = re.compile(r"^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$")


@dataclass
class FakeState:
    """What the fake remembers: used codes, the token, sent messages."""

    banned_words: tuple = ("违禁词",)
    used_codes: set = field(default_factory=set)
    sent_messages: list = field(default_factory=list)
    refused_openids: set = field(default_factory=set)
    # Bodies of getwxacodeunlimit calls, so tests can see how often codes were generated.
    wxacode_requests: list = field(default_factory=list)
    token: str | None = None
    token_fetches: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def reset(self):
        """Forget everything, as a fresh server would."""
        with self.lock:
            self.used_codes.clear()
            self.sent_messages.clear()
            self.refused_openids.clear()
            self.wxacode_requests.clear()
            self.token = None
            self.token_fetches = 0


def _error(errcode, errmsg):
    return jsonify({"errcode": errcode, "errmsg": errmsg})


def _token_ok():
    return request.args.get("access_token", "").startswith(TOKEN_PREFIX)


def _qr_png(scene, page, width):
    """A real PNG whose pattern comes from the scene, with scene and page as text chunks."""
    # Tests read them back (Image.open(...).text), as a phone's camera decodes a real code.
    size = max(280, min(int(width or 430), 1280))
    cells = 21
    cell = size // (cells + 4)
    image = Image.new("RGB", (size, size), "white")
    draw = ImageDraw.Draw(image)
    bits = int.from_bytes(hashlib.sha256(scene.encode()).digest() * 2, "big")
    for row in range(cells):
        for col in range(cells):
            if (bits >> (row * cells + col)) & 1:
                x, y = (col + 2) * cell, (row + 2) * cell
                draw.rectangle([x, y, x + cell - 1, y + cell - 1], fill="black")
    text = PngImagePlugin.PngInfo()
    text.add_text("scene", scene)
    text.add_text("page", page)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", pnginfo=text)
    return buffer.getvalue()


def create_fake_app(state):
    """The fake's WSGI app over the given state."""
    app = Flask("wechat_fake")
    app.json.ensure_ascii = False

    @app.get("/sns/jscode2session")
    def jscode2session():
        code = request.args.get("js_code", "")
        name = code.split(".", 1)[0]
        if code == "invalid" or not name:
            return _error(40029, "invalid code")
        with state.lock:
            if code in state.used_codes:
                return _error(40163, "code been used")
            state.used_codes.add(code)
        return jsonify({"openid": f"fake-{name}", "session_key": secrets.token_urlsafe(16)})

    @app.post("/cgi-bin/stable_token")
    def stable_token():
        body = request.get_json(force=True, silent=True) or {}
        if body.get("grant_type") != "client_credential":
            return _error(40002, "invalid grant_type")
        if not body.get("appid") or not body.get("secret"):
            return _error(41004, "appsecret missing")
        with state.lock:
            state.token_fetches += 1
            if state.token is None or body.get("force_refresh"):
                state.token = TOKEN_PREFIX + secrets.token_hex(8)
            token = state.token
        return jsonify({"access_token": token, "expires_in": 7200})

    @app.post("/wxa/msg_sec_check")
    def msg_sec_check():
        if not _token_ok():
            return _error(40001, "invalid credential")
        body = request.get_json(force=True, silent=True) or {}
        if (
            body.get("version") != 2
            or not body.get("openid")
            or body.get("scene") not in (1, 2, 3, 4)
        ):
            return _error(40003, "invalid args")
        content = body.get("content") or ""
        risky = any(word in content for word in state.banned_words)
        suggest, label = ("risky", 21000) if risky else ("pass", 100)
        return jsonify(
            {
                "errcode": 0,
                "errmsg": "ok",
                "result": {"suggest": suggest, "label": label},
                "detail": [{"strategy": "content_model", "errcode": 0, "suggest": suggest}],
                "trace_id": secrets.token_hex(8),
            }
        )

    @app.post("/cgi-bin/message/subscribe/send")
    def subscribe_send():
        if not _token_ok():
            return _error(40001, "invalid credential")
        body = request.get_json(force=True, silent=True) or {}
        if not body.get("template_id"):
            return _error(40037, "invalid template_id")
        if not body.get("touser") or not isinstance(body.get("data"), dict):
            return _error(47003, "argument invalid")
        with state.lock:
            if body["touser"] in state.refused_openids:
                return _error(43101, "user refuse to accept the msg")
            state.sent_messages.append(body)
        return _error(0, "ok")

    @app.post("/wxa/getwxacodeunlimit")
    def getwxacodeunlimit():
        if not _token_ok():
            return _error(40001, "invalid credential")
        body = request.get_json(force=True, silent=True) or {}
        scene = body.get("scene") or ""
        if not SCENE_PATTERN.match(scene):
            return _error(40169, "invalid length for scene, or the data is not json string")
        with state.lock:
            state.wxacode_requests.append(body)
        png = _qr_png(scene, body.get("page") or "", body.get("width"))
        return app.response_class(png, mimetype="image/png")

    @app.get("/_fake/subscribe-messages")
    def sent_messages():
        with state.lock:
            return jsonify(list(state.sent_messages))

    return app


@dataclass
class RunningFake:
    """A fake served from a background thread."""

    url: str
    state: FakeState
    server: object

    def stop(self):
        """Shut the server down."""
        self.server.shutdown()


def serve_in_thread(state, host="127.0.0.1", port=0):
    """Serve the fake on a free port from a daemon thread."""
    server = make_server(host, port, create_fake_app(state), threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="wechat-fake", daemon=True)
    thread.start()
    return RunningFake(url=f"http://{host}:{server.server_port}", state=state, server=server)


_shared = None
_shared_lock = threading.Lock()


def shared_server(config):
    """The process's own fake, started on first use (WECHAT_MODE=fake without WECHAT_API_BASE)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            state = FakeState(banned_words=tuple(config["WECHAT_FAKE_BANNED_WORDS"]))
            _shared = serve_in_thread(state)
        return _shared
