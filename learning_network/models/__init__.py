"""Models of the learning networks: networks and who is in them, the discussion, moderation."""

from learning_network.models.discussion import (
    Mention,
    Post,
    PostAttachment,
    PostRevision,
    ReadState,
    Thread,
    ThreadFollow,
)
from learning_network.models.lessons import Lesson, LessonKind, LessonStatus
from learning_network.models.meetings import Meeting, MeetingAttendee
from learning_network.models.moderation import (
    Flag,
    FlagStatus,
    ModerationAction,
    ModerationKind,
    Mute,
)
from learning_network.models.networks import (
    Category,
    LearningNetwork,
    NetworkConsortium,
    NetworkKind,
    NetworkMember,
    NetworkRole,
    Presence,
    Pseudonym,
)
from learning_network.models.notifications import (
    Digest,
    NoticeKind,
    Notification,
    NotificationSettings,
)

__all__ = [
    "Category",
    "Digest",
    "Flag",
    "FlagStatus",
    "LearningNetwork",
    "Lesson",
    "LessonKind",
    "LessonStatus",
    "Meeting",
    "MeetingAttendee",
    "Mention",
    "ModerationAction",
    "ModerationKind",
    "Mute",
    "NetworkConsortium",
    "NetworkKind",
    "NetworkMember",
    "NetworkRole",
    "NoticeKind",
    "Notification",
    "NotificationSettings",
    "Post",
    "PostAttachment",
    "PostRevision",
    "Presence",
    "Pseudonym",
    "ReadState",
    "Thread",
    "ThreadFollow",
]
