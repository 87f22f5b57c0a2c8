"""Plumbing shared by every service: settings, logs, database, NATS, workers, web apps.

Nothing here knows the domain; contracts between services live in `contracts`.
"""
