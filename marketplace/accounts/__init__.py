"""Accounts: users, roles, organisation membership, sign-in and the authorization helpers."""
