"""Users, roles, organisations, consortia, memberships and invitations."""
