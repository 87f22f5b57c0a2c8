"""Token flow with Zeebe's semantics: element instances, scopes, jobs, events, incidents."""
