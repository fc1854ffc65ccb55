"""WeChat: the wechatpy wrapper and the fake WeChat server."""

from .client import SCENE_COMMENT, SCENE_PROFILE, SubscriptionRefused, WeChat

wechat = WeChat()

__all__ = ["SCENE_COMMENT", "SCENE_PROFILE", "SubscriptionRefused", "wechat"]
