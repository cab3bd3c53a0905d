"""Learning networks: threads, posts, live discussion, moderation, meetings and lessons (issue 5)."""
