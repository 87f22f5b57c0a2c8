"""The process owners' console: process definitions, their diagrams and forms, deployments, instances."""
