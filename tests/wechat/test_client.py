"""The WeChat boundary, over real HTTP to the fake WeChat server."""

import io

import pytest
from PIL import Image

from backend.app import create_app
from backend.app.errors import ApiError
from backend.app.extensions import redis
from backend.app.wechat import SubscriptionRefused, wechat

from ..conftest import BANNED_WORD


def test_code_to_session_gives_openid_by_name(ctx):
    assert wechat.code_to_session("alice.1") == {"openid": "fake-alice", "unionid": None}
    assert wechat.code_to_session("alice.2")["openid"] == "fake-alice"
    assert wechat.code_to_session("bob")["openid"] == "fake-bob"


@pytest.mark.parametrize(("code", "reason"), [("invalid", "code_invalid"), (".x", "code_invalid")])
def test_bad_codes_are_mapped(ctx, code, reason):
    with pytest.raises(ApiError) as caught:
        wechat.code_to_session(code)
    assert (caught.value.code, caught.value.reason) == (401, reason)


def test_a_code_works_once(ctx):
    wechat.code_to_session("carol.1")
    with pytest.raises(ApiError) as caught:
        wechat.code_to_session("carol.1")
    assert caught.value.reason == "code_used"


def test_token_comes_from_stable_token_once(ctx, wechat_fake):
    wechat.check_text("你好", "fake-alice")
    wechat.check_text("再见", "fake-alice")
    assert wechat_fake.state.token_fetches == 1


def test_token_is_shared_through_redis(app_settings, redis_url, wechat_fake):
    settings = {**app_settings, "REDIS_URL": redis_url}
    first, second = create_app(settings), create_app(settings)
    with first.app_context():
        redis.client.flushdb()
        wechat.check_text("你好", "fake-alice")
    with second.app_context():
        wechat.check_text("你好", "fake-alice")
        assert redis.client.ttl("wechatpy:wx-fake-appid_access_token") > 0
    # Two apps (two workers) fetched one token between them.
    assert wechat_fake.state.token_fetches == 1


def test_risky_text_is_refused(ctx):
    with pytest.raises(ApiError) as caught:
        wechat.check_text(f"我的昵称{BANNED_WORD}", "fake-alice")
    assert (caught.value.code, caught.value.reason) == (422, "content_risky")
    wechat.check_text("清廉协会会员", "fake-alice")


def test_subscribe_message_is_sent(ctx, wechat_fake):
    wechat.send_subscribe_message(
        "fake-alice", "tmpl-1", {"thing1": "已受理", "time2": "2026-11-27"}, page="pages/me/index"
    )
    [sent] = wechat_fake.state.sent_messages
    assert sent["touser"] == "fake-alice"
    assert sent["template_id"] == "tmpl-1"
    assert sent["data"] == {"thing1": {"value": "已受理"}, "time2": {"value": "2026-11-27"}}
    assert sent["page"] == "pages/me/index"


def test_subscribe_without_consent_is_refused(ctx, wechat_fake):
    wechat_fake.state.refused_openids.add("fake-bob")
    with pytest.raises(SubscriptionRefused):
        wechat.send_subscribe_message("fake-bob", "tmpl-1", {"thing1": "x"})
    with pytest.raises(ApiError) as caught:
        wechat.send_subscribe_message("fake-alice", "", {"thing1": "x"})
    assert caught.value.reason == "subscribe_template_invalid"
    assert wechat_fake.state.sent_messages == []


def test_wxacode_is_a_real_png_carrying_its_scene(ctx):
    png = wechat.get_wxacode_unlimit("s=12&t=abcDEF", "packages/sites/checkin/index")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.size[0] >= 280
    # What a phone's camera would read from a real code.
    assert image.text == {"scene": "s=12&t=abcDEF", "page": "packages/sites/checkin/index"}


@pytest.mark.parametrize("scene", ["x" * 33, "中文", ""])
def test_wxacode_refuses_bad_scenes(ctx, scene):
    with pytest.raises(ApiError) as caught:
        wechat.get_wxacode_unlimit(scene, "pages/index/index")
    assert caught.value.reason == "wxacode_invalid"


def test_unreachable_wechat_is_503(app_settings):
    app = create_app({**app_settings, "WECHAT_API_BASE": "http://127.0.0.1:9", "WECHAT_TIMEOUT": 1})
    with app.app_context(), pytest.raises(ApiError) as caught:
        wechat.code_to_session("alice")
    assert (caught.value.code, caught.value.reason) == (503, "wechat_unavailable")
