"""The WeChat boundary: the only module that imports wechatpy."""

import logging
import time

import requests
from flask import current_app
from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException
from wechatpy.session.memorystorage import MemoryStorage
from wechatpy.session.redisstorage import RedisStorage

from ..errors import ApiError, ServiceUnavailable, TooManyRequests, Unauthorized, ValidationFailed
from . import fake

logger = logging.getLogger(__name__)

REAL_API_BASE = "https://api.weixin.qq.com"
# Shared tokens are dropped from storage this long before WeChat expires them.
TOKEN_MARGIN_SECONDS = 300

# msgSecCheck v2 scenes.
SCENE_PROFILE = 1
SCENE_COMMENT = 2


class SubscriptionRefused(ApiError):
    """WeChat 43101: the user gave no consent for this send; never retry it."""

    code = 409
    reason = "subscription_refused"
    message = "用户未授权接收此订阅消息"


class StableTokenClient(WeChatClient):
    """wechatpy's client pointed at any API base, its token from the stable_token endpoint."""

    def __init__(self, appid, secret, *, api_base, session, timeout):
        super().__init__(appid, secret, session=session, timeout=timeout)
        self.api_base = api_base.rstrip("/")
        self.API_BASE_URL = f"{self.api_base}/cgi-bin/"
        self.wxa.API_BASE_URL = f"{self.api_base}/"

    def fetch_access_token(self):
        """Fetch the token from stable_token, so many workers and hosts can share it."""
        response = self._http.post(
            f"{self.api_base}/cgi-bin/stable_token",
            json={
                "grant_type": "client_credential",
                "appid": self.appid,
                "secret": self.secret,
                "force_refresh": False,
            },
            timeout=self.timeout,
        )
        response.raise_for_status()
        result = response.json()
        if result.get("errcode"):
            raise WeChatClientException(
                result["errcode"], result.get("errmsg"), client=self, response=response
            )
        expires_in = int(result.get("expires_in", 7200))
        ttl = max(expires_in - TOKEN_MARGIN_SECONDS, 60)
        self.session.set(self.access_token_key, result["access_token"], ttl)
        self.expires_at = int(time.time()) + ttl
        return result


def _raise_unavailable(error):
    logger.warning("WeChat call failed: %s", error)
    raise ServiceUnavailable("微信服务暂时不可用，请稍后再试", reason="wechat_unavailable")


def _raise_common(errcode, errmsg):
    """Map the errors any WeChat API can return; anything unknown is a 503."""
    if errcode in (45009, 45011):
        raise TooManyRequests("微信接口调用过于频繁，请稍后再试", reason="wechat_rate_limited")
    logger.warning("WeChat error %s: %s", errcode, errmsg)
    raise ServiceUnavailable("微信服务暂时不可用，请稍后再试", reason="wechat_error")


class Boundary:
    """One app's connection to WeChat (real or the bundled fake)."""

    def __init__(self, config, redis_client):
        self.config = config
        self.redis = redis_client
        self._client = None

    @property
    def api_base(self):
        """Where wechatpy sends requests."""
        if self.config.get("WECHAT_API_BASE"):
            return self.config["WECHAT_API_BASE"]
        if self.config["WECHAT_MODE"] == "fake":
            return fake.shared_server(self.config).url
        return REAL_API_BASE

    @property
    def client(self):
        """The wechatpy client, built on first use."""
        if self._client is None:
            if self.redis is not None:
                session = RedisStorage(self.redis, prefix="wechatpy")
            else:
                session = MemoryStorage()
            self._client = StableTokenClient(
                self.config["WECHAT_APPID"],
                self.config["WECHAT_SECRET"],
                api_base=self.api_base,
                session=session,
                timeout=self.config["WECHAT_TIMEOUT"],
            )
        return self._client

    def _call(self, method, *args, **kwargs):
        try:
            return method(*args, **kwargs)
        except WeChatClientException as error:
            if error.errcode is None:
                _raise_unavailable(error)
            raise
        except requests.RequestException as error:
            _raise_unavailable(error)

    def code_to_session(self, code):
        """Exchange a wx.login code for the member's openid (session_key is not kept)."""
        try:
            result = self._call(self.client.wxa.code_to_session, code)
        except WeChatClientException as error:
            if error.errcode == 40029:
                raise Unauthorized("登录凭证无效，请重新登录", reason="code_invalid") from None
            if error.errcode == 40163:
                raise Unauthorized("登录凭证已被使用，请重新登录", reason="code_used") from None
            if error.errcode == 40226:
                raise Unauthorized(
                    "该微信账号存在风险，暂不能登录", reason="wechat_user_blocked"
                ) from None
            _raise_common(error.errcode, error.errmsg)
        return {"openid": result["openid"], "unionid": result.get("unionid")}

    def check_text(self, content, openid, scene=SCENE_PROFILE):
        """msgSecCheck v2; a risky verdict is a 422 with reason content_risky."""
        try:
            result = self._call(
                self.client.post,
                "wxa/msg_sec_check",
                data={"content": content, "version": 2, "scene": scene, "openid": openid},
                api_base_url=self.client.wxa.API_BASE_URL,
            )
        except WeChatClientException as error:
            if error.errcode == 87014:
                result = {"result": {"suggest": "risky"}}
            else:
                _raise_common(error.errcode, error.errmsg)
        if result.get("result", {}).get("suggest") == "risky":
            raise ValidationFailed("内容含有不当信息，请修改后再提交", reason="content_risky")

    def send_subscribe_message(self, openid, template_id, data, page=None):
        """Send one subscribe message; 43101 (no consent) raises SubscriptionRefused."""
        payload = {
            "touser": openid,
            "template_id": template_id,
            "data": {key: {"value": value} for key, value in data.items()},
            "miniprogram_state": self.config["WECHAT_MINIPROGRAM_STATE"],
            "lang": "zh_CN",
        }
        if page:
            payload["page"] = page
        try:
            self._call(self.client.post, "message/subscribe/send", data=payload)
        except WeChatClientException as error:
            if error.errcode == 43101:
                raise SubscriptionRefused() from None
            if error.errcode in (40037, 47003):
                raise ValidationFailed(
                    "订阅消息模板或内容无效", reason="subscribe_template_invalid"
                ) from None
            _raise_common(error.errcode, error.errmsg)

    def get_wxacode_unlimit(self, scene, page, *, width=430, env_version="release"):
        """A mini-program code image (PNG bytes) for a scene of at most 32 characters."""
        try:
            response = self._call(
                self.client.post,
                "wxa/getwxacodeunlimit",
                data={
                    "scene": scene,
                    "page": page,
                    "width": width,
                    "check_path": False,
                    "env_version": env_version,
                },
                api_base_url=self.client.wxa.API_BASE_URL,
            )
        except WeChatClientException as error:
            if error.errcode in (40169, 41030):
                raise ValidationFailed("小程序码参数无效", reason="wxacode_invalid") from None
            _raise_common(error.errcode, error.errmsg)
        if isinstance(response, dict):
            _raise_common(response.get("errcode"), response.get("errmsg"))
        return response.content


class WeChat:
    """Flask extension giving each app its Boundary."""

    def init_app(self, app):
        """Attach a Boundary built from the app's settings."""
        app.extensions["wechat"] = Boundary(app.config, app.extensions.get("redis"))

    def __getattr__(self, name):
        return getattr(current_app.extensions["wechat"], name)
