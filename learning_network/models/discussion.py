"""The discussion: threads, posts with their edit history, mentions, read state and follows."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_core.uploads import private_storage
from learning_network.models.networks import Category, LearningNetwork, Pseudonym


class Thread(models.Model):
    """A conversation in a category of a network."""

    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="threads")
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="threads")
    title = models.CharField(_("title"), max_length=160)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_threads"
    )
    pseudonym = models.ForeignKey(
        Pseudonym, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(
        _("locked"), default=False, help_text=_("Only moderators can reply while it is locked.")
    )
    is_closed = models.BooleanField(
        _("closed"), default=False, help_text=_("The conversation has ended; nobody can reply.")
    )
    created_at = models.DateTimeField(_("started at"), default=timezone.now, editable=False)
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now)
    # Denormalised for the thread list: posts that are visible to members.
    post_count = models.PositiveIntegerField(default=0)
    seq = models.PositiveBigIntegerField(default=0, editable=False)  # network event number

    class Meta:
        ordering = ["-is_pinned", "-last_post_at"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [
            models.Index(fields=["network", "-is_pinned", "-last_post_at"], name="ln_thread_list"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def accepts_replies(self) -> bool:
        return not (self.is_locked or self.is_closed)


class Post(models.Model):
    """One message in a thread. `body` is sanitised HTML (cms_core.sanitise), safe to render."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="learning_posts"
    )
    pseudonym = models.ForeignKey(
        Pseudonym, on_delete=models.PROTECT, null=True, blank=True, related_name="posts"
    )
    body = models.TextField(_("message"))
    body_text = models.TextField(editable=False, default="")  # plain text, for search
    quote_of = models.ForeignKey(
        "self",
        verbose_name=_("quotes"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    seq = models.PositiveBigIntegerField(default=0, editable=False)  # network event number

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [
            models.Index(fields=["thread", "created_at"], name="ln_post_thread_time"),
            models.Index(fields=["thread", "seq"], name="ln_post_thread_seq"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk} in {self.thread_id}"


class PostAttachment(models.Model):
    """A file with a post (a handout, a form, a photo of a flip-over), for the network's members.

    Kept in the private storage and served only by a view that checks the reader's part in the
    network; the file of a hidden post only to its author and the moderators.
    """

    MAX_PER_POST = 5

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to="netwerken/%Y/%m/", max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("kind of file"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["post", "pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.original_name


class PostRevision(models.Model):
    """What a post said before an edit: the edit history, kept for moderators and the author."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["post", "replaced_at", "pk"]

    def __str__(self) -> str:
        return f"revision of {self.post_id}"


class Mention(models.Model):
    """An @name in a post that named a member of the network."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user"], name="ln_mention_unique"),
        ]

    def __str__(self) -> str:
        return f"@{self.user_id} in {self.post_id}"


class ReadState(models.Model):
    """How far a member has read a thread: the newest post they have seen."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="read_states")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_read_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="ln_readstate_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id}"


class ThreadFollow(models.Model):
    """A member follows a thread: replies to it reach them as notices."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="ln_follow_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"
