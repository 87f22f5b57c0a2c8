"""Development tools: never part of a production deployment."""
