"""Consortium workspaces: cycles, process evaluation, trajectories, costs, expert input (issue 4)."""
