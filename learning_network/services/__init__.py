"""Writes in the learning networks, grouped by what they change (`network_…`, `thread_…`,
`post_…`, `member_…`, `presence_…`, `notification…`). Every write checks access itself."""

from learning_network.services.common import MAX_BODY_CHARS, Refused, clean_body, editable_text
from learning_network.services.digest import digest_send
from learning_network.services.lessons import lesson_decide, lesson_propose, lesson_update
from learning_network.services.meetings import (
    meeting_create,
    meeting_minutes_save,
    meeting_sign_up,
    meeting_update,
)
from learning_network.services.moderation import (
    MAX_MUTE_DAYS,
    THREAD_ACTIONS,
    flag_dismiss,
    member_mute,
    mute_lift,
    post_flag,
    post_hide,
    post_restore,
    thread_moderate,
    thread_move,
)
from learning_network.services.networks import (
    category_create,
    network_consortium_add,
    network_consortium_remove,
    network_create,
    network_member_remove,
    network_member_set,
    network_update,
)
from learning_network.services.notifications import (
    notification_settings_update,
    notifications_mark_read,
    notify_about_post,
)
from learning_network.services.posts import (
    post_create,
    post_edit,
    pseudonym_for,
    thread_create,
    thread_follow,
    thread_mark_read,
)
from learning_network.services.presence import (
    presence_enter,
    presence_expire,
    presence_heartbeat,
    presence_leave,
)

__all__ = [
    "MAX_BODY_CHARS",
    "MAX_MUTE_DAYS",
    "THREAD_ACTIONS",
    "Refused",
    "category_create",
    "clean_body",
    "digest_send",
    "editable_text",
    "flag_dismiss",
    "lesson_decide",
    "lesson_propose",
    "lesson_update",
    "meeting_create",
    "meeting_minutes_save",
    "meeting_sign_up",
    "meeting_update",
    "member_mute",
    "mute_lift",
    "network_consortium_add",
    "network_consortium_remove",
    "network_create",
    "network_member_remove",
    "network_member_set",
    "network_update",
    "notification_settings_update",
    "notifications_mark_read",
    "notify_about_post",
    "post_create",
    "post_edit",
    "post_flag",
    "post_hide",
    "post_restore",
    "presence_enter",
    "presence_expire",
    "presence_heartbeat",
    "presence_leave",
    "pseudonym_for",
    "thread_create",
    "thread_follow",
    "thread_mark_read",
    "thread_moderate",
    "thread_move",
]
