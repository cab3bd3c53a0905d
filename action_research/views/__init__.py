"""Workspace pages: thin views over `action_research.selectors` and `action_research.services`."""
